// An attempt's deadline covers the whole answer; when it ends an attempt, that is a timeout, not a cancel.
import { AxiosError, CanceledError } from "axios";
import { deadlineError, endedByDeadline } from "../../../provider/atlas/deadline";
import { requestConfig, unanswered } from "./axiosErrors";

describe("a deadline's end", () => {
    test.each([
        ["a cancel after the deadline fired", new CanceledError(undefined, undefined, requestConfig()), true, true],
        [
            "a cancel before it fired (the caller's)",
            new CanceledError(undefined, undefined, requestConfig()),
            false,
            false,
        ],
        ["another failure after it fired", unanswered("ECONNRESET"), true, false],
    ])("%s counts as the deadline: %s", (_case, error, expired, expected) => {
        expect(endedByDeadline(error, expired)).toBe(expected);
    });

    test("fails as axios's own timeout, so retries and messages treat it as one", () => {
        const error = deadlineError(requestConfig(), 2_000);

        expect(error.code).toBe(AxiosError.ETIMEDOUT);
        expect(error.message).toBe("timeout of 2000ms exceeded");
    });
});
