// The serverless snapshot endpoints are deprecated and sunset on 2026-01-22; the emulator can play the
// time before the sunset (headers only) and both answers seen after it (404 and 410).
import { errorAnswer, type Answer } from "../http/answer";
import { sunsetNotFound, versionGone } from "../http/errors";

/** How the serverless routes behave: still answering, or gone with a 404 or a 410. */
export type SunsetMode = "active" | "404" | "410";

/** Every sunset mode, for validating flags and control requests. */
export const SUNSET_MODES: readonly SunsetMode[] = ["active", "404", "410"];

/** The headers Atlas puts on every answer of the deprecated serverless routes. */
export const DEPRECATION_HEADERS = {
    Deprecation: "Wed, 10 Dec 2025 00:00:00 GMT",
    Sunset: "Thu, 22 Jan 2026 00:00:00 GMT",
} as const;

/** True when a value names a sunset mode. */
export function isSunsetMode(value: unknown): value is SunsetMode {
    return typeof value === "string" && (SUNSET_MODES as readonly string[]).includes(value);
}

/** The answer a serverless route gives in a sunset mode instead of its data, or undefined while still active. */
export function sunsetAnswer(mode: SunsetMode, path: string): Answer | undefined {
    if (mode === "404") return errorAnswer(sunsetNotFound(path));
    if (mode === "410") return errorAnswer(versionGone());
    return undefined;
}
