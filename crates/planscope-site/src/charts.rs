//! Charts drawn at build time: the option the app would draw on a phone, drawn as SVG by
//! ECharts' server-side renderer in Node (`js/echarts-ssr.mjs`) and cleaned ([`crate::svg`]),
//! for the figures of the indicator pages and the explorer's pages.
//!
//! Why: ECharts is the largest file of the site (≈ 150 KB brotli) and evaluating it is a long
//! task on a phone (a third of a second at 4× CPU throttling in Lighthouse's runs). A page
//! written with its chart already drawn shows it with JavaScript off, and on a phone whose figure
//! is as wide as the drawing's (`planscope_view::charts::Frame::keeps_drawing`) the app keeps
//! the drawing and never loads ECharts; it loads it when the text size or the width calls for a
//! new drawing, or for a tooltip under a mouse (`src/echarts.rs`).
//!
//! One pipeline still: the option is the one the app builds (charming, `planscope_view::charts`)
//! for [`planscope_view::charts::Frame::static_drawing`], drawn by the same ECharts release and
//! components the site ships (`js/package-lock.json`, `js/echarts-custom.js`).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{json, Value};

/// Charts of more categories than this are not drawn at build time: at 40 plans the drawing
/// (≈ 300 bytes of SVG per bar and label) already weighs more than the page's table, and the app
/// draws them as before.
pub const MAX_CATEGORIES: usize = 40;

/// A running `node js/echarts-ssr.mjs`, one request at a time (see that file for the protocol).
pub struct SsrCharts {
    script: PathBuf,
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    /// Charts drawn so far.
    pub drawn: usize,
}

impl SsrCharts {
    /// Starts `node <script>` (`node` from `PATH`). Errors: Node cannot be started.
    pub fn start(script: &Path) -> Result<SsrCharts, String> {
        let mut child = Command::new("node")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start node {} (charts drawn at build time): {e}",
                    script.display()
                )
            })?;
        let input = child.stdin.take().ok_or("node: no stdin")?;
        let output = BufReader::new(child.stdout.take().ok_or("node: no stdout")?);
        Ok(SsrCharts {
            script: script.to_owned(),
            child,
            input,
            output,
            drawn: 0,
        })
    }

    /// `option` drawn as a `width` × `height` CSS px SVG, cleaned (`crate::svg::clean`).
    /// `None` when the chart is not drawn at build time (more than [`MAX_CATEGORIES`]
    /// categories). Errors: Node ended or answered with an error (its message), or its SVG
    /// could not be cleaned.
    pub fn draw(
        &mut self,
        option: &Value,
        width: u32,
        height: u32,
    ) -> Result<Option<String>, String> {
        if categories(option) > MAX_CATEGORIES {
            return Ok(None);
        }
        let request = json!({ "width": width, "height": height, "option": option });
        let fail = |e: String| format!("{}: {e}", self.script.display());
        writeln!(self.input, "{request}")
            .and_then(|()| self.input.flush())
            .map_err(|e| fail(format!("cannot send a chart: {e}")))?;
        let mut line = String::new();
        let n = self
            .output
            .read_line(&mut line)
            .map_err(|e| fail(format!("cannot read its answer: {e}")))?;
        if n == 0 {
            return Err(fail("node ended without drawing the chart".into()));
        }
        let answer: Value =
            serde_json::from_str(&line).map_err(|e| fail(format!("unreadable answer: {e}")))?;
        if let Some(error) = answer.get("error").and_then(Value::as_str) {
            return Err(fail(format!("ECharts could not draw a chart: {error}")));
        }
        let svg = answer
            .get("svg")
            .and_then(Value::as_str)
            .ok_or_else(|| fail("an answer without svg".into()))?;
        let clean = crate::svg::clean(svg, width, height).map_err(|e| fail(e.to_string()))?;
        self.drawn += 1;
        Ok(Some(clean))
    }
}

impl Drop for SsrCharts {
    fn drop(&mut self) {
        // Closing its input ends the script; wait so no zombie is left.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The number of categories of an option: the longest `data` of its category axes.
fn categories(option: &Value) -> usize {
    ["xAxis", "yAxis"]
        .iter()
        .filter_map(|axis| option.get(axis))
        .flat_map(|a| match a {
            Value::Array(list) => list.iter().collect::<Vec<_>>(),
            other => vec![other],
        })
        .filter_map(|a| a.get("data").and_then(Value::as_array))
        .map(Vec::len)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_are_counted_on_either_axis() {
        assert_eq!(categories(&json!({ "yAxis": { "data": ["a", "b"] } })), 2);
        assert_eq!(
            categories(
                &json!({ "xAxis": [{ "type": "value" }], "yAxis": [{ "data": [1, 2, 3] }] })
            ),
            3
        );
        assert_eq!(categories(&json!({})), 0);
    }

    /// Draws a real option with the project's ECharts (skipped, with a line saying so, where
    /// `js/node_modules` is not installed: `make test` installs it first).
    #[test]
    fn node_draws_an_option_as_clean_svg() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let script = root.join("js/echarts-ssr.mjs");
        if !root.join("js/node_modules/echarts").is_dir() {
            eprintln!("skipped: js/node_modules/echarts is not installed (scripts/setup)");
            return;
        }
        let mut charts = SsrCharts::start(&script).unwrap();
        let option = json!({
            "yAxis": { "type": "category", "data": ["广州<script>", "平凉"] },
            "xAxis": { "type": "value" },
            "series": [{ "type": "bar", "data": [1, { "value": 2, "label": { "show": true, "formatter": "<b>2</b>" } }] }]
        });
        let svg = charts.draw(&option, 310, 300).unwrap().unwrap();
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"300\""
        ));
        assert!(svg.contains("广州&lt;script&gt;"), "{svg}");
        assert!(svg.contains("&lt;b&gt;2&lt;/b&gt;"), "{svg}");
        assert!(svg.contains("ecmeta_data_index=\"1\""), "{svg}");
        assert!(!svg.contains("style="), "{svg}");
        // a second chart through the same process; an option ECharts refuses is an error
        assert!(charts.draw(&option, 310, 300).unwrap().is_some());
        assert_eq!(charts.drawn, 2);
        let many = json!({ "yAxis": { "data": vec!["x"; MAX_CATEGORIES + 1] } });
        assert_eq!(charts.draw(&many, 310, 160), Ok(None));
    }
}
