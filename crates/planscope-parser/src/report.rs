//! One-paragraph human report of a parse (used by `planscope build`).
use planscope_model::{PlanDocument, SectionKind};

/// Heading counts per level (GB/T headings) and of chapters/sections/articles, tables,
/// targets, coverage and diagnostics, for one plan.
pub fn summary(doc: &PlanDocument) -> String {
    let mut per_level = [0u32; 5];
    let mut legal = [0u32; 3];
    for s in doc.walk_sections() {
        match s.kind {
            SectionKind::Heading if (1..=5).contains(&s.level) => {
                per_level[(s.level - 1) as usize] += 1
            }
            SectionKind::Chapter => legal[0] += 1,
            SectionKind::Section => legal[1] += 1,
            SectionKind::Article => legal[2] += 1,
            _ => {}
        }
    }
    let legal = if legal == [0; 3] {
        String::new()
    } else {
        format!("; 章/节/条 {legal:?}")
    };
    let c = &doc.coverage;
    format!(
        "{id}: {title}\n  headings L1..L5 {l:?}{legal}; indicators {ind}; key projects {kp}; tasks {tasks}; base stats {bs}; targets {tg}\n  coverage {model}/{denom} = {pct:.2}% (removed {removed} chrome/artefact chars); diagnostics {diags}",
        id = doc.id,
        title = doc.metadata.title,
        l = per_level,
        ind = doc.indicator_tables.iter().map(|t| t.rows.len()).sum::<usize>(),
        kp = doc.key_projects.len(),
        tasks = doc.task_tables.iter().map(|t| t.rows.len()).sum::<usize>(),
        bs = doc.base_stats.len(),
        tg = doc.targets.len(),
        model = c.model,
        denom = c.non_whitespace.saturating_sub(c.removed),
        pct = c.ratio() * 100.0,
        removed = c.removed,
        diags = doc.diagnostics.len(),
    )
}
