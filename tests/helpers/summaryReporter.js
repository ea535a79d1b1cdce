// Ends the run with one plain line, "N passed, N failed", that any CI log reader understands.
class SummaryReporter {
    onRunComplete(_contexts, results) {
        console.log(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed`);
    }
}
module.exports = SummaryReporter;
