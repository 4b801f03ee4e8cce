//! The deterministic figures a change must not make worse, checked against
//! the one file that holds their budgets (`xtask/budgets.txt`): stripped
//! sizes per target and way, and the instructions the minimal program runs.
//! Wall-clock figures are reported elsewhere, never checked.

/// The budget for a figure named by `key` (e.g. `size bindprobe
/// x86_64-unknown-linux-gnu static`), from `xtask/budgets.txt`.
fn budget(key: &str) -> Option<u64> {
    let text = include_str!("../budgets.txt");
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let (name, value) = line.rsplit_once(' ')?;
            (name.split_whitespace().collect::<Vec<_>>().join(" ") == key)
                .then(|| value.trim().parse().ok())
                .flatten()
        })
}

/// Checks `measured` against the budget of `key`; the failure names the
/// figure, the budget and how far over it went.
pub(crate) fn check(suite: &mut crate::Suite, key: &str, measured: u64, unit: &str) {
    let name = format!("budget: {key}");
    match budget(key) {
        Some(limit) if measured <= limit => suite.pass(format!("{name} ({measured} {unit} <= {limit})")),
        Some(limit) => suite.fail(
            name,
            format!(
                "{measured} {unit}, over its budget of {limit} by {} (+{:.1}%); make it smaller, or raise the budget in xtask/budgets.txt and say why",
                measured - limit,
                (measured - limit) as f64 * 100.0 / limit as f64
            ),
        ),
        None => suite.fail(name, format!("measured {measured} {unit}, but xtask/budgets.txt has no budget for it")),
    }
}
