//! SVG charts of the weekly report, generated at build time: readable without
//! JavaScript and in print, with fixed float formatting (one decimal) so the same
//! report always gives the same bytes. Every text is HTML-escaped.

use std::fmt::Write as _;

use super::escape_html as esc;

/// One bar of a Pareto chart: label, count, share of the total.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Label (a cause name).
    pub label: String,
    /// Count.
    pub count: u64,
    /// Share of the total (0–1).
    pub share: f64,
}

const W: f64 = 640.0;

fn open(height: f64, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {W:.0} {height:.0}\" width=\"100%\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        esc(title),
        esc(title)
    )
}

/// Horizontal Pareto chart: bars sorted as given (largest first) with the cumulative
/// share written at the end of each bar.
pub fn pareto(bars: &[Bar], title: &str, empty: &str) -> String {
    if bars.is_empty() {
        return empty_chart(title, empty);
    }
    let row = 28.0;
    let height = row * bars.len() as f64 + 16.0;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f64;
    let (left, width) = (150.0, 330.0);
    let mut s = open(height, title);
    let mut cumulative = 0.0;
    for (i, b) in bars.iter().enumerate() {
        cumulative += b.share;
        let y = 8.0 + row * i as f64;
        let w = (b.count as f64 / max * width).max(1.0);
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"label\" text-anchor=\"end\">{}</text>\
             <rect x=\"{left:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" class=\"bar\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{} · {:.1}% (Σ {:.1}%)</text>",
            left - 8.0,
            y + 15.0,
            esc(&b.label),
            row - 8.0,
            left + w + 6.0,
            y + 15.0,
            b.count,
            b.share * 100.0,
            cumulative.min(1.0) * 100.0
        );
    }
    s.push_str("</svg>");
    s
}

/// A line chart of rates (0–1) per label, e.g. the 8-week late rate. A `None` point
/// (a week with nothing due) is a gap in the line with `—` as its value, never 0 %.
pub fn trend(points: &[(String, Option<f64>)], title: &str, empty: &str) -> String {
    if points.iter().all(|p| p.1.is_none()) {
        return empty_chart(title, empty);
    }
    let height = 220.0;
    let ((left, right), top, bottom) = (trend_left_right(points), 16.0, 40.0);
    let plot_w = W - left - right;
    let plot_h = height - top - bottom;
    let max = points.iter().filter_map(|p| p.1).fold(0.0_f64, f64::max);
    let scale = nice_max(max);
    let step = plot_w / (points.len().max(2) - 1) as f64;
    let xy = |i: usize, v: f64| (left + step * i as f64, top + plot_h * (1.0 - v / scale));
    let mut s = open(height, title);
    grid(&mut s, scale, (left, right, top, plot_h));
    for segment in segments(points) {
        let path: Vec<String> = segment
            .iter()
            .map(|&(i, v)| {
                let (x, y) = xy(i, v);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            s,
            "<polyline points=\"{}\" class=\"line\"/>",
            path.join(" ")
        );
    }
    for (i, (label, v)) in points.iter().enumerate() {
        let x = xy(i, 0.0).0;
        match v {
            Some(v) => {
                let (x, y) = xy(i, *v);
                let _ = write!(
                    s,
                    "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" class=\"dot\"/>\
                     <text x=\"{x:.1}\" y=\"{:.1}\" class=\"value\" text-anchor=\"middle\">{:.1}%</text>",
                    y - 8.0,
                    v * 100.0
                );
            }
            None => {
                let _ = write!(
                    s,
                    "<text x=\"{x:.1}\" y=\"{:.1}\" class=\"value gap\" text-anchor=\"middle\">—</text>",
                    top + plot_h - 6.0
                );
            }
        }
        let _ = write!(
            s,
            "<text x=\"{x:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"middle\">{}</text>",
            height - 14.0,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

/// The left and right margins of the trend chart. The first and last labels and values
/// are centred on their points: the margins leave room for half of the widest
/// (`第47周`, `100.0%`) so none is cut off.
fn trend_left_right(points: &[(String, Option<f64>)]) -> (f64, f64) {
    let half = points
        .iter()
        .map(|p| text_width(&p.0))
        .fold(text_width("100.0%"), f64::max)
        / 2.0;
    (48.0_f64.max(half + 4.0), half + 4.0)
}

/// The width of `text` at the charts' 12 px font, from above: a wide (CJK) character
/// is 1 em, any other 0.6 em.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 7.2 } else { 12.0 })
        .sum()
}

/// The horizontal grid lines and their percentage labels.
fn grid(s: &mut String, scale: f64, (left, right, top, plot_h): (f64, f64, f64, f64)) {
    for k in 0..=4 {
        let v = scale * f64::from(k) / 4.0;
        let y = top + plot_h * (1.0 - f64::from(k) / 4.0);
        let _ = write!(
            s,
            "<line x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"grid\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"end\">{:.0}%</text>",
            W - right,
            left - 6.0,
            y + 4.0,
            v * 100.0
        );
    }
}

/// Runs of consecutive known points: (index, value).
fn segments(points: &[(String, Option<f64>)]) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, (_, v)) in points.iter().enumerate() {
        match v {
            Some(v) => current.push((i, *v)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Bucket edges of the delay histogram, in hours.
pub const HIST_EDGES: [f64; 8] = [0.0, 6.0, 12.0, 24.0, 48.0, 72.0, 120.0, 168.0];

/// Counts of `values` (hours) per bucket of [`HIST_EDGES`], the last bucket open.
pub fn histogram_counts(values: &[f64]) -> Vec<u64> {
    let mut counts = vec![0u64; HIST_EDGES.len()];
    for &v in values {
        let i = HIST_EDGES.partition_point(|&e| e <= v).max(1) - 1;
        counts[i] += 1;
    }
    counts
}

/// Vertical histogram of delay hours.
pub fn histogram(values: &[f64], title: &str, empty: &str, unit: &str) -> String {
    if values.is_empty() {
        return empty_chart(title, empty);
    }
    let counts = histogram_counts(values);
    let height = 220.0;
    let (left, top, bottom) = (16.0, 24.0, 40.0);
    let plot_h = height - top - bottom;
    let slot = (W - 2.0 * left) / counts.len() as f64;
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let mut s = open(height, title);
    for (i, &c) in counts.iter().enumerate() {
        let h = c as f64 / max * plot_h;
        let x = left + slot * i as f64 + 4.0;
        let y = top + plot_h - h;
        let label = match HIST_EDGES.get(i + 1) {
            Some(next) => format!("{:.0}–{:.0}{unit}", HIST_EDGES[i], next),
            None => format!("≥{:.0}{unit}", HIST_EDGES[i]),
        };
        let _ = write!(
            s,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" class=\"bar\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"value\" text-anchor=\"middle\">{c}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"middle\">{}</text>",
            slot - 8.0,
            x + (slot - 8.0) / 2.0,
            y - 6.0,
            x + (slot - 8.0) / 2.0,
            height - 14.0,
            esc(&label)
        );
    }
    s.push_str("</svg>");
    s
}

/// A round upper bound for a rate axis (at least 10 %).
fn nice_max(max: f64) -> f64 {
    for m in [0.1, 0.2, 0.4, 0.6, 0.8, 1.0] {
        if max <= m {
            return m;
        }
    }
    1.0
}

fn empty_chart(title: &str, empty: &str) -> String {
    let mut s = open(40.0, title);
    let _ = write!(
        s,
        "<text x=\"8\" y=\"24\" class=\"axis\">{}</text></svg>",
        esc(empty)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    // Labels come from CSV data: they must be escaped inside the SVG.
    #[test]
    fn escapes_labels() {
        let bars = [Bar {
            label: "<script>x</script>".into(),
            count: 3,
            share: 1.0,
        }];
        let svg = pareto(&bars, "t", "none");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
    }

    // A week with nothing due is a gap in the line, never a point at 0 %.
    #[test]
    fn trend_gaps_are_not_zero() {
        let pts = [
            ("W1".to_string(), Some(0.5)),
            ("W2".to_string(), None),
            ("W3".to_string(), Some(0.25)),
        ];
        let svg = trend(&pts, "t", "none");
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains(">—</text>"));
        assert!(!svg.contains(">0.0%</text>"));
    }

    // qa1 item 19: the last week's label (`第47周`, at most 2 × 12 + 2 × 7.2 = 38.4 px
    // wide at 12 px) and the first one fit inside the 640-wide viewBox.
    #[test]
    fn trend_labels_stay_inside_the_chart() {
        let pts: Vec<(String, Option<f64>)> =
            (40..=47).map(|w| (format!("第{w}周"), Some(1.0))).collect();
        let svg = trend(&pts, "t", "none");
        let xs: Vec<f64> = svg
            .match_indices("class=\"axis\" text-anchor=\"middle\"")
            .map(|(i, _)| {
                let head = &svg[..i];
                let x = &head[head.rfind("x=\"").unwrap() + 3..];
                x[..x.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(xs.len(), 8);
        assert!(xs[7] + 38.4 / 2.0 <= W, "{xs:?}");
        assert!(xs[0] - 38.4 / 2.0 >= 0.0, "{xs:?}");
        // `100.0%` above the last point: 6 × 7.2 = 43.2 px wide.
        assert!(xs[7] + 43.2 / 2.0 <= W, "{xs:?}");
    }

    // Buckets are [edge, next edge); the last one is open-ended.
    #[test]
    fn histogram_buckets() {
        assert_eq!(
            histogram_counts(&[0.5, 6.0, 23.9, 200.0]),
            vec![1, 1, 1, 0, 0, 0, 0, 1]
        );
    }
}
