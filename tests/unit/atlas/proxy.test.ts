// Which proxy a request takes, from the environment, as curl and Go decide it: a table of URL, variables and answer.
import { describeFailure } from "../../../provider/atlas/failure";
import { bypassesProxy, ProxyConnectError, proxyFor, tunnelFor } from "../../../provider/atlas/proxy";
import type { ProxyEnv } from "../../../provider/atlas/proxy";
import { resolveSettings } from "../../../provider/atlas/settings";
import { ConfigurationError } from "../../../provider/common/errors";
import { errorOf } from "../../helpers/caught";

const ATLAS = "https://cloud.mongodb.com/api/atlas/v2";
const PROXY = "http://proxy.corp:3128";

describe("proxyFor: which variable names the proxy", () => {
    test.each<[string, string, ProxyEnv, { variable: string; address: string } | undefined]>([
        ["no variable: direct", ATLAS, {}, undefined],
        [
            "HTTPS_PROXY for an https:// URL",
            ATLAS,
            { HTTPS_PROXY: PROXY },
            { variable: "HTTPS_PROXY", address: "proxy.corp:3128" },
        ],
        [
            "https_proxy for an https:// URL",
            ATLAS,
            { https_proxy: PROXY },
            { variable: "https_proxy", address: "proxy.corp:3128" },
        ],
        [
            "both cases set: lowercase wins, as curl",
            ATLAS,
            { https_proxy: "http://lower:1", HTTPS_PROXY: "http://upper:2" },
            { variable: "https_proxy", address: "lower:1" },
        ],
        [
            "an empty lowercase variable counts as unset",
            ATLAS,
            { https_proxy: " ", HTTPS_PROXY: PROXY },
            { variable: "HTTPS_PROXY", address: "proxy.corp:3128" },
        ],
        ["HTTP_PROXY is not used for https:// URLs", ATLAS, { HTTP_PROXY: PROXY, http_proxy: PROXY }, undefined],
        [
            "HTTP_PROXY for an http:// URL",
            "http://atlas.internal:8080/api",
            { HTTP_PROXY: PROXY, HTTPS_PROXY: "http://other:1" },
            { variable: "HTTP_PROXY", address: "proxy.corp:3128" },
        ],
        [
            "http_proxy for an http:// URL",
            "http://atlas.internal/api",
            { http_proxy: PROXY },
            { variable: "http_proxy", address: "proxy.corp:3128" },
        ],
        ["ALL_PROXY is not read, as Go", ATLAS, { ALL_PROXY: PROXY, all_proxy: PROXY }, undefined],
        [
            "a proxy without a scheme means http://",
            ATLAS,
            { HTTPS_PROXY: "proxy.corp:3128" },
            { variable: "HTTPS_PROXY", address: "proxy.corp:3128" },
        ],
        [
            "an http:// proxy without a port: 80",
            ATLAS,
            { HTTPS_PROXY: "http://proxy.corp" },
            { variable: "HTTPS_PROXY", address: "proxy.corp:80" },
        ],
        [
            "an https:// proxy without a port: 443",
            ATLAS,
            { HTTPS_PROXY: "https://proxy.corp" },
            { variable: "HTTPS_PROXY", address: "proxy.corp:443" },
        ],
        [
            "an IPv6 proxy",
            ATLAS,
            { HTTPS_PROXY: "http://[fd00::3]:3128" },
            { variable: "HTTPS_PROXY", address: "[fd00::3]:3128" },
        ],
    ])("%s", (_case, url, env, expected) => {
        const choice = proxyFor(url, env);

        expect(choice && { variable: choice.variable, address: choice.address }).toStrictEqual(expected);
    });

    test("a scheme is only read at the start: a path holding :// is still a proxy without a scheme", () => {
        const choice = proxyFor(ATLAS, { HTTPS_PROXY: "proxy.corp:3128/a://b" });

        expect(choice && { url: choice.url, address: choice.address }).toStrictEqual({
            url: "http://proxy.corp:3128/a://b",
            address: "proxy.corp:3128",
        });
    });

    test("the proxy's credentials stay in its URL, for the tunnel, and out of its address", () => {
        const choice = proxyFor(ATLAS, { HTTPS_PROXY: "user:p%40ss@proxy.corp:3128" });

        expect(choice).toStrictEqual({
            url: "http://user:p%40ss@proxy.corp:3128/",
            address: "proxy.corp:3128",
            variable: "HTTPS_PROXY",
        });
    });
});

describe("proxyFor: NO_PROXY and loopback hosts", () => {
    test.each<[string, string, string, boolean]>([
        // [case, URL, NO_PROXY, goes direct]
        ["an exact host", ATLAS, "cloud.mongodb.com", true],
        ["another host", ATLAS, "example.org", false],
        ["a domain covers its subdomains", ATLAS, "mongodb.com", true],
        ["a leading dot covers subdomains", ATLAS, ".mongodb.com", true],
        ["a leading dot covers the domain itself", "https://mongodb.com", ".mongodb.com", true],
        ["a leading *. works as a leading dot", ATLAS, "*.mongodb.com", true],
        ["a suffix that is not a whole label does not match", ATLAS, "godb.com", false],
        ["a subdomain does not cover its parent", "https://mongodb.com", "cloud.mongodb.com", false],
        ["* sends everything direct", ATLAS, "*", true],
        ["a list, spaces and case ignored", ATLAS, " example.org , CLOUD.MongoDB.com ", true],
        ["empty entries are skipped", ATLAS, ",,example.org,", false],
        ["a port must match: the default 443", ATLAS, "cloud.mongodb.com:443", true],
        ["a port must match: another", ATLAS, "cloud.mongodb.com:8443", false],
        ["an explicit port in the URL", "https://cloud.mongodb.com:8443", "cloud.mongodb.com:8443", true],
        ["an IP address", "https://192.168.1.10:8443", "192.168.1.10", true],
        ["an IP address and port", "https://192.168.1.10:8443", "192.168.1.10:443", false],
        ["a CIDR range", "https://10.1.2.3", "10.0.0.0/8", true],
        ["outside a CIDR range", "https://11.0.0.1", "10.0.0.0/8", false],
        ["a CIDR range never matches a host name", ATLAS, "0.0.0.0/0", false],
        ["an IPv6 CIDR range", "https://[fd12::1]/", "fd00::/8", true],
        ["an IPv6 address", "https://[fd12::1]/", "fd12::1", true],
        ["an IPv6 address in brackets, with a port", "https://[fd12::1]/", "[fd12::1]:443", true],
        ["an internationalized domain", "https://bücher.example/api", "bücher.example", true],
        ["malformed entries are skipped", ATLAS, "[oops,:443,10.0.0.0/99", false],
        ["a /32 range is one address", "https://10.1.2.3", "10.1.2.3/32", true],
        ["a range longer than 32 bits is skipped", "https://10.0.0.1", "10.0.0.0/33", false],
        ["a /128 IPv6 range is one address", "https://[fd12::1]/", "fd12::1/128", true],
        ["a range whose network is no address is skipped", "https://10.1.2.3", "example/8", false],
        ["a range followed by more text is no range", "https://10.1.2.3", "10.0.0.0/8x", false],
        // Go reads "[fd12::1]" as a host name and curl compares it as written: neither matches the address.
        ["an IPv6 address in brackets, without a port, is no address", "https://[fd12::1]/", "[fd12::1]", false],
        ["an IPv6 range in brackets is no range", "https://[fd12::1]/", "[fd12::]/16", false],
        ["an IPv6 address in brackets, with another port", "https://[fd12::1]/", "[fd12::1]:8443", false],
        ["text before a bracketed address makes no entry", "https://[fd12::1]/", "x[fd12::1]", false],
        ["text after a bracketed address and port makes no entry", "https://[fd12::1]/", "[fd12::1]:443x", false],
        ["text after a host and port makes no entry", ATLAS, "cloud.mongodb.com:443x", false],
        ["a host with two ports makes no entry", ATLAS, "x:cloud.mongodb.com:443", false],
        ["localhost is never proxied", "https://localhost:8443", "", true],
        ["127.0.0.0/8 is never proxied", "https://127.5.6.7", "", true],
        ["::1 is never proxied", "https://[::1]:9443", "", true],
        ["a name that merely starts with localhost is", "https://localhost.example.com", "", false],
        ["text before a bracketed address with a port makes no entry", "https://[fd12::1]/", "x[fd12::1]:443", false],
        ["text before a range makes no range", "https://10.1.2.3", "x/10.0.0.0/8", false],
        ["an IP address never covers a host name", ATLAS, "192.168.1.10", false],
        [
            "a lone dot covers nothing, not even a name written with its final dot",
            "https://cloud.mongodb.com./",
            ".",
            false,
        ],
        // Lowercased as written, then to ASCII as URLs are: "ß" stays itself, where uppercase would make it "SS".
        ["a name with ß is matched as URLs spell it", "https://straße.example/", "straße.example", true],
        ["a name with ß is no other name", "https://strasse.example/", "straße.example", false],
    ])("%s", (_case, url, noProxy, direct) => {
        expect(proxyFor(url, { HTTPS_PROXY: PROXY, NO_PROXY: noProxy }) === undefined).toBe(direct);
    });

    test("an http:// URL's port is 80 unless it names one", () => {
        const env = { HTTP_PROXY: PROXY, NO_PROXY: "example.org:80" };
        expect(proxyFor("http://example.org/", env)).toBeUndefined();
        expect(proxyFor("http://example.org:8080/", env)).toBeDefined();
        expect(proxyFor("http://example.org/", { HTTP_PROXY: PROXY, NO_PROXY: "example.org:443" })).toBeDefined();
    });

    test("no_proxy wins over NO_PROXY, as https_proxy over HTTPS_PROXY", () => {
        expect(proxyFor(ATLAS, { HTTPS_PROXY: PROXY, no_proxy: "example.org", NO_PROXY: "*" })).toBeDefined();
        expect(proxyFor(ATLAS, { HTTPS_PROXY: PROXY, no_proxy: "*", NO_PROXY: "example.org" })).toBeUndefined();
    });

    test("bypassesProxy takes the host as URLs give it: lowercase, IPv6 without brackets", () => {
        expect(bypassesProxy("::ffff:7f00:1", "443", "")).toBe(true); // 127.0.0.1, IPv4-mapped
        expect(bypassesProxy("fd12::1", "443", "fd12::/16")).toBe(true);
        expect(bypassesProxy("fd12::1", "443", "")).toBe(false);
    });
});

describe("proxyFor: proxies that cannot be used", () => {
    test.each<[string, string, RegExp]>([
        [
            "a SOCKS proxy",
            "socks5://user:hunter2@proxy.corp:1080",
            /^Invalid HTTPS_PROXY: socks5 proxies are not supported; expected a proxy URL such as http:\/\/proxy\.example\.com:3128/,
        ],
        [
            "a value that is no URL",
            "http://user:hunter2@pro xy:1",
            /^Invalid HTTPS_PROXY: it is not a URL; expected a proxy URL/,
        ],
        ["a URL without a host", "http://:3128", /^Invalid HTTPS_PROXY: it is not a URL; expected a proxy URL/],
    ])("%s is refused before any request, naming the variable and never the value", (_case, value, message) => {
        const error = errorOf(() => proxyFor(ATLAS, { HTTPS_PROXY: value }));

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toMatch(message);
        expect(error.message).toContain("Fix or unset HTTPS_PROXY.");
        expect(error.message).not.toContain("hunter2");
        expect(error.message).not.toContain("user");
    });

    test("an unusable proxy does not matter to a host that bypasses it", () => {
        expect(proxyFor(ATLAS, { HTTPS_PROXY: "socks5://proxy.corp:1080", NO_PROXY: "*" })).toBeUndefined();
    });
});

describe("the proxy in settings and messages", () => {
    const token = { MONGODB_ATLAS_ACCESS_TOKEN: "token-value" };

    test("resolveSettings chooses the proxy for the base URL", () => {
        expect(resolveSettings(undefined, { ...token, HTTPS_PROXY: PROXY }).proxy).toStrictEqual({
            url: "http://proxy.corp:3128/",
            address: "proxy.corp:3128",
            variable: "HTTPS_PROXY",
        });
    });

    test("a local emulator's http:// base URL is never proxied, so its settings carry no proxy", () => {
        const env = {
            ...token,
            HTTPS_PROXY: PROXY,
            HTTP_PROXY: PROXY,
            MONGODB_ATLAS_BASE_URL: "http://127.0.0.1:8080",
        };

        expect(resolveSettings(undefined, env)).not.toHaveProperty("proxy");
    });

    test("a tunnel that could not open says which proxy, from which variable, and why, if it ever escapes", () => {
        const error = new ProxyConnectError("ECONNREFUSED", { address: "proxy.corp:3128", variable: "HTTPS_PROXY" });

        expect(error.name).toBe("ProxyConnectError");
        expect(error.message).toBe("the proxy proxy.corp:3128 from HTTPS_PROXY: ECONNREFUSED");
    });

    test("one agent a proxy choice, so the requests of a client share its tunnels; another choice, another agent", () => {
        const choice = proxyFor(ATLAS, { HTTPS_PROXY: PROXY })!;
        const other = proxyFor(ATLAS, { HTTPS_PROXY: PROXY })!;

        expect(tunnelFor(choice)).toBe(tunnelFor(choice));
        expect(tunnelFor(other)).not.toBe(tunnelFor(choice));
    });

    test("a failure at the proxy names the proxy and its variable", () => {
        const failure = {
            kind: "network" as const,
            code: "ECONNREFUSED",
            proxy: { address: "proxy.corp:3128", variable: "HTTPS_PROXY" },
        };

        expect(describeFailure(failure)).toBe(
            "the connection through the proxy proxy.corp:3128 from HTTPS_PROXY failed (ECONNREFUSED)",
        );
    });
});
