//! A readable tree dump of a parse (`planscope parse FILE --format tree`, and the insta
//! snapshots of the seeds): metadata, outline with paragraph counts, tables, boxes, numbers.

use std::fmt::Write;

use planscope_model::{Block, PlanDocument, Section};

fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

fn section(out: &mut String, doc: &PlanDocument, s: &Section, depth: usize) {
    let paras = s
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(_)))
        .count();
    let mut extras = Vec::new();
    for b in &s.blocks {
        match b {
            Block::IndicatorTable { index } => extras.push(format!(
                "indicators {}",
                doc.indicator_tables[*index as usize].id
            )),
            Block::KeyProject { index } => {
                extras.push(format!("box {}", doc.key_projects[*index as usize].id))
            }
            Block::TaskTable { index } => {
                extras.push(format!("tasks {}", doc.task_tables[*index as usize].id))
            }
            Block::Table(t) => extras.push(format!("table {}", t.id)),
            Block::Paragraph(_) => {}
        }
    }
    let topics: Vec<&str> = s.topics.iter().take(3).map(|t| t.topic.as_str()).collect();
    let _ = writeln!(
        out,
        "{:indent$}[{}] {}{} {}{}  ({} ¶{}{}) {{{}}}",
        "",
        s.id,
        match s.kind {
            planscope_model::SectionKind::Heading => "L",
            planscope_model::SectionKind::Part => "part",
            planscope_model::SectionKind::Chapter => "章",
            planscope_model::SectionKind::Section => "节",
            planscope_model::SectionKind::Article => "条",
        },
        s.level,
        s.label,
        s.title,
        paras,
        if extras.is_empty() { "" } else { "; " },
        extras.join(", "),
        topics.join(" "),
        indent = depth * 2
    );
    for c in &s.children {
        section(out, doc, c, depth + 1);
    }
}

/// Outline, tables, projects and numbers as indented text.
pub fn dump(doc: &PlanDocument) -> String {
    let md = &doc.metadata;
    let mut out = String::new();
    let _ = writeln!(out, "# {}", md.title);
    let _ = writeln!(
        out,
        "kind: {} · region: {} · period: {}",
        md.kind.as_str(),
        md.region.display(),
        md.period
            .map(|p| format!("{}–{}", p.start, p.end))
            .unwrap_or_else(|| "-".into())
    );
    let _ = writeln!(
        out,
        "issuer: {} · 文号: {} · issued: {} · published: {}",
        md.issuer.as_deref().unwrap_or("-"),
        md.doc_number.as_deref().unwrap_or("-"),
        md.issued_date.as_deref().unwrap_or("-"),
        md.published_date.as_deref().unwrap_or("-")
    );
    let front_roles: Vec<String> = doc
        .front
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(
                p.role
                    .map(|r| format!("{r:?}"))
                    .unwrap_or_else(|| "Text".into()),
            ),
            _ => None,
        })
        .collect();
    let _ = writeln!(
        out,
        "\n## Front ({} blocks)\n{}",
        doc.front.len(),
        front_roles.join(" ")
    );
    let _ = writeln!(out, "\n## Outline");
    for s in &doc.sections {
        section(&mut out, doc, s, 0);
    }
    if !doc.appendix.is_empty() {
        let _ = writeln!(out, "\n## Appendix");
        for a in &doc.appendix {
            let _ = writeln!(out, "[{}] {} ({} blocks)", a.id, a.title, a.blocks.len());
        }
    }
    if !doc.back.is_empty() {
        let _ = writeln!(out, "\n## Back ({} blocks)", doc.back.len());
    }
    for t in &doc.indicator_tables {
        let _ = writeln!(
            out,
            "\n## Indicators {} in {} — {}",
            t.id,
            t.section_id,
            t.caption.as_ref().map(|c| c.text.as_str()).unwrap_or("")
        );
        for r in &t.rows {
            let _ = writeln!(
                out,
                "- {} [{}] {}{} → {}{} {} <{}>",
                r.name,
                r.unit.as_deref().unwrap_or("-"),
                r.baseline_year
                    .map(|y| format!("{y}: "))
                    .unwrap_or_default(),
                r.baseline.as_ref().map(|v| v.text.as_str()).unwrap_or("-"),
                r.target_year.map(|y| format!("{y}: ")).unwrap_or_default(),
                r.target.as_ref().map(|v| v.text.as_str()).unwrap_or("-"),
                r.attribute.map(|a| a.label_zh()).unwrap_or(""),
                r.canonical.as_deref().unwrap_or("-")
            );
        }
    }
    for t in &doc.task_tables {
        let _ = writeln!(
            out,
            "\n## Tasks {} in {} — {}",
            t.id,
            t.section_id,
            t.caption.as_ref().map(|c| c.text.as_str()).unwrap_or("")
        );
        for r in &t.rows {
            let _ = writeln!(
                out,
                "- {}. {} | lead: {} | support: {}",
                r.no,
                r.name,
                r.lead.join("、"),
                r.support.join("、")
            );
        }
    }
    if !doc.key_projects.is_empty() {
        let _ = writeln!(out, "\n## Key projects");
        for k in &doc.key_projects {
            let _ = writeln!(
                out,
                "- {} {} {} in {} ({} items)",
                k.id,
                k.label,
                k.title,
                k.section_id,
                k.items.len()
            );
        }
    }
    for (name, list) in [
        ("Base statistics", &doc.base_stats),
        ("Targets", &doc.targets),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {name} ({})", list.len());
        for q in list {
            let _ = writeln!(
                out,
                "- {} {} {}{} {}{} @{} «{}»",
                q.id,
                q.metric,
                q.comparator.symbol(),
                q.value,
                q.unit.as_deref().unwrap_or(""),
                q.year.map(|y| format!(" ({y})")).unwrap_or_default(),
                q.anchor.paragraph,
                clip(&q.text, 30)
            );
        }
    }
    if !doc.diagnostics.is_empty() {
        let _ = writeln!(out, "\n## Diagnostics");
        for d in &doc.diagnostics {
            let _ = writeln!(out, "- {} ({:?}): {}", d.rule, d.severity, d.message);
        }
    }
    let c = &doc.coverage;
    let _ = writeln!(
        out,
        "\ncoverage: {}/{} model chars, {} removed",
        c.model,
        c.non_whitespace.saturating_sub(c.removed),
        c.removed
    );
    out
}
