// The one statistic the benchmark reports: medians, because these machines are shared and noisy.

/** The median of a non-empty list of numbers (the mean of the middle two for an even count). */
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

module.exports = { median };
