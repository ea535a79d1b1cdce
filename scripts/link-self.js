// Links this package into its own node_modules, so the root demo program imports it by name,
// exactly as a user's program does, and the dynamic provider's require() of the package resolves.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const name = require(path.join(root, "package.json")).name;
const link = path.join(root, "node_modules", name);
try {
    fs.lstatSync(link);
} catch {
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
}
