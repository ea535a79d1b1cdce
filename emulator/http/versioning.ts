// Atlas's resource versioning: the client names a date in `Accept: application/vnd.atlas.YYYY-MM-DD+json`
// and gets the newest version of the resource dated on or before it.

/** The outcome of version negotiation: the version to serve, or why none can be. */
export type VersionNegotiation = { ok: true; version: string } | { ok: false; detail: string };

const VERSIONED_TYPE = /^application\/vnd\.atlas(?:\.([^+]*))?\+json$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
function isCalendarDate(value: string): boolean {
    const parts = DATE.exec(value);
    if (parts === null) return false;
    const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
    return date.toISOString().startsWith(value);
}

/**
 * Picks the version to serve from an Accept header and the versions a resource has (`YYYY-MM-DD`, any order).
 * Several media types may be listed, with parameters; the newest servable one wins. Without any
 * `application/vnd.atlas.*` type (a missing Accept, `application/json`, `*\/*`) the oldest version is served,
 * which is what the pre-versioning clients of this API got.
 */
export function negotiateVersion(accept: string | undefined, available: readonly string[]): VersionNegotiation {
    const versions = [...available].sort();
    const asked: string[] = [];
    const malformed: string[] = [];
    for (const range of (accept ?? "").split(",")) {
        const mediaType = range.split(";")[0].trim().toLowerCase();
        const match = VERSIONED_TYPE.exec(mediaType);
        if (match === null) continue;
        const date = match[1] ?? "";
        if (isCalendarDate(date)) asked.push(date);
        else malformed.push(mediaType);
    }
    if (asked.length === 0 && malformed.length === 0) return { ok: true, version: versions[0] };
    let best: string | undefined;
    for (const date of asked) {
        const servable = versions.filter((version) => version <= date).pop();
        if (servable !== undefined && (best === undefined || servable > best)) best = servable;
    }
    if (best !== undefined) return { ok: true, version: best };
    const offered = `Use application/vnd.atlas.<date>+json with a date on or after ${versions[0]} (versions: ${versions.join(", ")}).`;
    if (asked.length === 0)
        return { ok: false, detail: `Invalid version date in Accept: ${malformed.join(", ")}. ${offered}` };
    return { ok: false, detail: `No version of this resource is dated on or before ${asked.join(", ")}. ${offered}` };
}

/** The Content-Type of a successful answer in the given resource version, as Atlas writes it. */
export function versionedContentType(version: string): string {
    return `application/vnd.atlas.${version}+json;charset=utf-8`;
}
