//! One-paragraph human report of a parse (used by `planscope build`).
use planscope_model::PlanDocument;

/// Heading counts per level, tables, targets, coverage and diagnostics, for one plan.
pub fn summary(doc: &PlanDocument) -> String {
    let mut per_level = [0u32; 5];
    for s in doc.walk_sections() {
        if (1..=5).contains(&s.level) {
            per_level[(s.level - 1) as usize] += 1;
        }
    }
    let c = &doc.coverage;
    format!(
        "{id}: {title}\n  headings L1..L5 {l:?}; indicators {ind}; key projects {kp}; tasks {tasks}; base stats {bs}; targets {tg}\n  coverage {model}/{denom} = {pct:.2}% (removed {removed} chrome/artefact chars); diagnostics {diags}",
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
