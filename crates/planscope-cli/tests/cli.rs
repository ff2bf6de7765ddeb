//! The `planscope` command: parse and build, good files and bad ones.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planscope"))
}

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// A fresh directory for one test, removed when the test ends (pass or fail).
fn tmp(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("planscope-cli-test-{name}-"))
        .tempdir()
        .expect("temporary directory")
}

/// `planscope build <input> --out <out>`, run to the end.
fn build(input: &Path, out: &Path) -> std::process::Output {
    bin()
        .arg("build")
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn parse_gold_format_has_null_fields() {
    let out = bin()
        .args([
            "parse",
            seeds().join("qingyuan-2022.txt").to_str().unwrap(),
            "--format",
            "gold",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "清远市2022年教育工作要点");
    assert!(
        v.get("doc_number").is_some_and(|d| d.is_null()),
        "null written, not omitted"
    );
    assert!(v["issued_date"].is_null());
    assert_eq!(v["outline"].as_array().unwrap().len(), 44);
}

#[test]
fn parse_json_and_tree() {
    let f = seeds().join("jieyang-2023-2027.txt");
    let out = bin().args(["parse", f.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let doc: planscope_model::PlanDocument = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc.id, "jieyang-2023-2027");
    assert_eq!(doc.schema_version, planscope_model::SCHEMA_VERSION);
    let out = bin()
        .args(["parse", f.to_str().unwrap(), "--format=tree"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("[2.1.1] L3 1.推动教育高质量发展三年提升行动"));
}

fn one_line_error(path: &Path, reason: &str) {
    let out = bin()
        .args(["parse", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success(), "{path:?} must fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(path.file_name().unwrap().to_str().unwrap()),
        "names the file: {err}"
    );
    assert!(err.contains(reason), "says why ({reason}): {err}");
}

#[test]
fn bad_files_get_one_line_errors() {
    let d = tmp("bad");
    std::fs::write(d.path().join("empty.txt"), b"").unwrap();
    std::fs::write(d.path().join("binary.txt"), b"PK\x03\x04\x00\x00\x00zip").unwrap();
    std::fs::write(
        d.path().join("garbage.txt"),
        [0x81u8, 0x20, 0xff, 0xfe, 0x81, 0x20],
    )
    .unwrap();
    one_line_error(&d.path().join("empty.txt"), "empty");
    one_line_error(&d.path().join("binary.txt"), "binary");
    one_line_error(&d.path().join("garbage.txt"), "GB18030");
    one_line_error(&d.path().join("missing.txt"), "cannot read");
}

#[test]
fn gbk_file_parses() {
    let d = tmp("gbk");
    let text = std::fs::read_to_string(seeds().join("qingyuan-2022.txt"))
        .unwrap()
        .replace('\n', "\r\n");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    std::fs::write(d.path().join("gbk.txt"), &bytes).unwrap();
    let out = bin()
        .args([
            "parse",
            d.path().join("gbk.txt").to_str().unwrap(),
            "--format",
            "gold",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "清远市2022年教育工作要点");
    assert_eq!(v["outline"].as_array().unwrap().len(), 44);
}

#[test]
fn build_writes_index_and_survives_a_bad_file() {
    let d = tmp("build");
    let input = d.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        seeds().join("qingyuan-2022.txt"),
        input.join("qingyuan-2022.txt"),
    )
    .unwrap();
    std::fs::write(input.join("broken.txt"), b"\x00\x01\x02").unwrap();
    let out_dir = d.path().join("out");
    let out = build(&input, &out_dir);
    assert!(
        !out.status.success(),
        "a bad file makes the exit code non-zero"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("broken.txt") && err.contains("binary"),
        "{err}"
    );
    let index: planscope_model::PlanIndex =
        serde_json::from_slice(&std::fs::read(out_dir.join("index.json")).unwrap()).unwrap();
    assert_eq!(index.plans.len(), 1);
    assert_eq!(index.plans[0].id, "qingyuan-2022");
    // The plan's file and its compare digest are named by the hash of their bytes, which the
    // index gives; the digest is the plan's, smaller.
    let plan_file = out_dir.join(index.plans[0].data_file());
    let digest_file = out_dir.join(index.plans[0].compare_file().unwrap());
    let bytes = std::fs::read(&plan_file).unwrap();
    let digest = std::fs::read(&digest_file).unwrap();
    assert_eq!(
        index.plans[0].hash,
        planscope_model::layout::plan_files_hash(&bytes, &digest),
        "{}",
        plan_file.display()
    );
    let doc: planscope_model::PlanDocument = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        serde_json::from_slice::<planscope_model::PlanDocument>(&digest).unwrap(),
        planscope_model::layout::compare_digest(&doc)
    );
    assert!(digest.len() < bytes.len());
    assert!(!out_dir.join("qingyuan-2022.json").exists());
    // A second build into the same directory: the plan's files of the first build go only if
    // the bytes changed (same bytes, same name), other files stay.
    for dir in [out_dir.clone(), out_dir.join("cmp")] {
        std::fs::write(dir.join("qingyuan-2022-000000000000.json"), b"{}").unwrap();
        std::fs::write(dir.join("other-plan-000000000000.json"), b"{}").unwrap();
    }
    assert!(!build(&input, &out_dir).status.success());
    assert!(plan_file.exists(), "the same bytes keep their name");
    assert!(digest_file.exists(), "the same bytes keep their name");
    for dir in [out_dir.clone(), out_dir.join("cmp")] {
        assert!(
            !dir.join("qingyuan-2022-000000000000.json").exists(),
            "replaced file removed from {}",
            dir.display()
        );
        assert!(
            dir.join("other-plan-000000000000.json").exists(),
            "another plan's file kept in {}",
            dir.display()
        );
    }
    // The search index: a manifest naming the plan, and the files it refers to.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("search/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["plans"], serde_json::json!(["qingyuan-2022"]));
    let hash = manifest["hashes"][0].as_str().unwrap();
    assert!(out_dir.join(format!("search/h-{hash}.json")).exists());
    let counts = manifest["counts"].as_str().unwrap();
    assert!(out_dir.join(format!("search/c-{counts}-0.bin")).exists());
    // The indicator files: one per indicator the plan states, named by the hash of their bytes,
    // each holding only that indicator's pieces of the plan.
    let plan: planscope_model::PlanDocument = serde_json::from_slice(&bytes).unwrap();
    let mut stated: Vec<&str> = plan
        .targets
        .iter()
        .chain(&plan.base_stats)
        .filter_map(|q| q.canonical.as_deref())
        .chain(
            plan.indicator_tables
                .iter()
                .flat_map(|t| &t.rows)
                .filter_map(|r| r.canonical.as_deref()),
        )
        .collect();
    stated.sort();
    stated.dedup();
    let mut listed: Vec<&str> = index.indicators.iter().map(|i| i.id.as_str()).collect();
    listed.sort();
    assert!(!listed.is_empty());
    assert_eq!(listed, stated);
    for r in &index.indicators {
        let bytes = std::fs::read(out_dir.join(&r.file)).unwrap();
        assert_eq!(
            r.file,
            format!(
                "ind/{}",
                planscope_model::layout::hashed_name(&r.id, &bytes)
            )
        );
        let f: planscope_model::layout::IndicatorFile = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            (f.indicator.as_str(), f.plans.len(), r.plans),
            (r.id.as_str(), 1, 1)
        );
        let p = &f.plans[0];
        let pieces = p.targets.iter().chain(&p.base_stats).map(|q| &q.canonical);
        assert!(pieces
            .chain(p.rows.iter().map(|r| &r.canonical))
            .all(|c| c.as_deref() == Some(r.id.as_str())));
    }
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("coverage") && report.contains("100.00%"),
        "{report}"
    );
}

/// `planscope synth` then `planscope build` of the synthetic library with one bad file in the
/// middle: exit code 1, the bad file named with its reason, every other plan built in file-name
/// order, and the run's figures reported.
#[test]
fn a_synthetic_library_with_one_bad_file_builds() {
    let d = tmp("synth");
    let lib = d.path().join("lib");
    let out = bin()
        .args(["synth", seeds().to_str().unwrap(), "--count", "24", "--out"])
        .arg(&lib)
        .args(["--seed", "3"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&lib)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 24);
    assert_eq!(names[0], "s00000-guangzhou-conghua-2021-2025.txt");
    // deterministic: the same arguments write the same texts
    let again = d.path().join("again");
    bin()
        .args([
            "synth",
            seeds().to_str().unwrap(),
            "--count",
            "24",
            "--seed",
            "3",
            "--out",
        ])
        .arg(&again)
        .output()
        .unwrap();
    for n in &names {
        assert_eq!(
            std::fs::read(lib.join(n)).unwrap(),
            std::fs::read(again.join(n)).unwrap()
        );
    }
    std::fs::write(lib.join("s00011-bad.txt"), [0xFFu8, 0xFE, 0x00, 0xD8, 0x00]).unwrap();
    let data = d.path().join("data");
    let out = build(&lib, &data);
    assert_eq!(
        out.status.code(),
        Some(1),
        "some file failed, the rest built"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.lines().count(),
        1,
        "one line for the one bad file: {err}"
    );
    assert!(err.contains("s00011-bad.txt:"), "{err}");
    let index: planscope_model::PlanIndex =
        serde_json::from_slice(&std::fs::read(data.join("index.json")).unwrap()).unwrap();
    let ids: Vec<&str> = index.plans.iter().map(|p| p.id.as_str()).collect();
    let expected: Vec<&str> = names.iter().map(|n| n.trim_end_matches(".txt")).collect();
    assert_eq!(ids, expected, "every good plan, in file-name order");
    for e in &index.plans {
        let id = &e.id;
        let doc: planscope_model::PlanDocument =
            serde_json::from_slice(&std::fs::read(data.join(e.data_file())).unwrap()).unwrap();
        let c = &doc.coverage;
        assert_eq!(c.model + c.removed, c.non_whitespace, "{id}: nothing lost");
    }
    let report = String::from_utf8(out.stdout).unwrap();
    let last = report.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("built 24 of 25 files (1 failed)")
            && last.contains("s wall")
            && last.contains("MB read")
            && last.contains("peak memory"),
        "{last}"
    );
}

#[test]
fn usage_errors() {
    let out = bin().output().unwrap();
    assert!(!out.status.success());
    let out = bin()
        .args(["parse", "x.txt", "--format", "yaml"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

/// `build` over a directory holding `qingyuan-2022.txt` and the given sidecar text: the run, its
/// output directory, and the temporary directory holding both (removed when dropped).
fn build_with_sidecar(
    name: &str,
    sidecar: &str,
) -> (std::process::Output, PathBuf, tempfile::TempDir) {
    let d = tmp(name);
    let input = d.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        seeds().join("qingyuan-2022.txt"),
        input.join("qingyuan-2022.txt"),
    )
    .unwrap();
    std::fs::write(input.join("qingyuan-2022.toml"), sidecar).unwrap();
    let out_dir = d.path().join("out");
    let out = build(&input, &out_dir);
    (out, out_dir, d)
}

#[test]
fn sidecar_overrides_metadata_marks_it_and_reports_the_parser_value() {
    let (out, out_dir, _dir) = build_with_sidecar(
        "sidecar",
        "# corrections\n\
         doc_number = \"清教〔2022〕9号\"\n\
         issued_date = 2022-03-25\n\
         kind = \"action_plan\"\n\
         period = { start = 2022, end = 2023 }\n",
    );
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{report}");
    let index: planscope_model::PlanIndex =
        serde_json::from_slice(&std::fs::read(out_dir.join("index.json")).unwrap()).unwrap();
    let doc: planscope_model::PlanDocument =
        serde_json::from_slice(&std::fs::read(out_dir.join(index.plans[0].data_file())).unwrap())
            .unwrap();
    let m = &doc.metadata;
    assert_eq!(m.doc_number.as_deref(), Some("清教〔2022〕9号"));
    assert_eq!(m.issued_date.as_deref(), Some("2022-03-25"));
    assert_eq!(m.kind, planscope_model::PlanKind::ActionPlan);
    assert_eq!(m.period.map(|p| (p.start, p.end)), Some((2022, 2023)));
    assert_eq!(
        m.title, "清远市2022年教育工作要点",
        "fields not in the sidecar stay"
    );
    use planscope_model::EditedField::*;
    assert_eq!(m.edited, [DocNumber, IssuedDate, Kind, Period]);
    assert_eq!(index.plans[0].kind, planscope_model::PlanKind::ActionPlan);
    // the report names each overridden field with what the parser had
    assert!(report.contains("qingyuan-2022.toml"), "{report}");
    for line in [
        "doc_number = “清教〔2022〕9号” (parser had —)",
        "issued_date = “2022-03-25” (parser had —)",
        "kind = action_plan (parser had annual_work_points)",
        "period = 2022–2023 (parser had 2022–2022)",
    ] {
        assert!(report.contains(line), "{line} in {report}");
    }
}

#[test]
fn bad_sidecars_are_build_errors_naming_file_and_key() {
    for (case, sidecar, key) in [
        ("unknown-key", "title = \"x\"\nsigner = \"y\"\n", "signer"),
        ("bad-date", "issued_date = \"2022-13-01\"\n", "issued_date"),
        ("bad-kind", "kind = \"plan\"\n", "kind"),
        (
            "bad-period",
            "period = { start = 2025, end = 2021 }\n",
            "period",
        ),
    ] {
        let (out, out_dir, _dir) = build_with_sidecar(case, sidecar);
        assert!(!out.status.success(), "{case}: must fail");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{case}: one line: {err}");
        assert!(
            err.contains("qingyuan-2022.toml") && err.contains(key),
            "{case}: names the file and {key}: {err}"
        );
        let written: Vec<_> = std::fs::read_dir(&out_dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("qingyuan-2022"))
            .collect();
        assert!(
            written.is_empty(),
            "{case}: a plan with a bad sidecar is not written: {written:?}"
        );
    }
}

#[test]
fn a_sidecar_without_its_text_is_an_error() {
    let d = tmp("orphan");
    let input = d.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("typo.toml"), "title = \"x\"\n").unwrap();
    let out = build(&input, &d.path().join("out"));
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("typo.toml") && err.contains("typo.txt"),
        "{err}"
    );
}

/// `lines` as a saved web page: each line a `<p>`, with the page's own navigation and footer.
fn page(lines: &str) -> String {
    let mut h = String::from(
        "<!DOCTYPE html><html><head><title>x</title><script>var a='一、';</script></head><body><nav>首页 政务公开</nav><div class=\"content\">",
    );
    for l in lines.lines().filter(|l| !l.trim().is_empty()) {
        h.push_str(&format!(
            "<p>{}</p>\n",
            l.replace('&', "&amp;").replace('<', "&lt;")
        ));
    }
    h.push_str("</div><footer>网站地图</footer></body></html>");
    h
}

/// `lines` as a minimal Word file: each line a `w:p`.
fn docx(lines: &str) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for l in lines.lines().filter(|l| !l.trim().is_empty()) {
        let l = l.replace('&', "&amp;").replace('<', "&lt;");
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{l}</w:t></w:r></w:p>"
        ));
    }
    let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>");
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("word/document.xml", opts).unwrap();
    w.write_all(xml.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

#[test]
fn build_and_parse_read_html_and_docx_through_the_ingest_crate() {
    let d = tmp("formats");
    let input = d.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let qy = std::fs::read_to_string(seeds().join("qingyuan-2022.txt")).unwrap();
    let jy = std::fs::read_to_string(seeds().join("jieyang-2023-2027.txt")).unwrap();
    std::fs::write(input.join("qingyuan-2022.html"), page(&qy)).unwrap();
    let jy_docx = docx(&jy);
    std::fs::write(input.join("jieyang-2023-2027.docx"), &jy_docx).unwrap();
    std::fs::copy(
        seeds().join("pingliang-kongtong-2021-2025.txt"),
        input.join("pingliang-kongtong-2021-2025.txt"),
    )
    .unwrap();
    // a sidecar beside a page
    std::fs::write(
        input.join("qingyuan-2022.toml"),
        "title = \"清远市2022年教育工作要点（修订）\"\n",
    )
    .unwrap();
    let out_dir = d.path().join("out");
    let out = build(&input, &out_dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let index: planscope_model::PlanIndex =
        serde_json::from_slice(&std::fs::read(out_dir.join("index.json")).unwrap()).unwrap();
    let mut ids: Vec<&str> = index.plans.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "jieyang-2023-2027",
            "pingliang-kongtong-2021-2025",
            "qingyuan-2022"
        ]
    );
    let read = |id: &str| -> planscope_model::PlanDocument {
        let e = index.plans.iter().find(|e| e.id == id).unwrap();
        serde_json::from_slice(&std::fs::read(out_dir.join(e.data_file())).unwrap()).unwrap()
    };
    let qy_doc = read("qingyuan-2022");
    assert_eq!(qy_doc.metadata.title, "清远市2022年教育工作要点（修订）");
    assert_eq!(qy_doc.source.file_name, "qingyuan-2022.html");
    assert_eq!(qy_doc.walk_sections().len(), 44, "the page's headings");
    // the build's JSON is what the ingest crate (the browser's path) gives for the same bytes
    let jy_doc = read("jieyang-2023-2027");
    let direct = planscope_ingest::parse_file("jieyang-2023-2027.docx", &jy_docx).unwrap();
    assert_eq!(jy_doc, direct);
    assert_eq!(
        std::fs::read_to_string(
            out_dir.join(
                index
                    .plans
                    .iter()
                    .find(|e| e.id == "jieyang-2023-2027")
                    .unwrap()
                    .data_file()
            )
        )
        .unwrap(),
        planscope_ingest::export_json(&direct),
        "the page's export of the same file is byte for byte the build's JSON"
    );
    assert_eq!(jy_doc.task_tables[0].rows.len(), 22);
    // parse reads a .docx too
    let out = bin()
        .args([
            "parse",
            input.join("jieyang-2023-2027.docx").to_str().unwrap(),
            "--format",
            "gold",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["outline_counts"],
        serde_json::json!({"1": 3, "2": 8, "3": 22})
    );
}

#[test]
fn two_files_for_one_plan_and_unreadable_formats_are_one_line_errors() {
    let d = tmp("dup");
    let input = d.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        seeds().join("qingyuan-2022.txt"),
        input.join("qingyuan-2022.txt"),
    )
    .unwrap();
    let qy = std::fs::read_to_string(seeds().join("qingyuan-2022.txt")).unwrap();
    std::fs::write(input.join("qingyuan-2022.html"), page(&qy)).unwrap();
    let out = build(&input, &d.path().join("out"));
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("qingyuan-2022.txt") && err.contains("one file per plan"),
        "{err}"
    );

    std::fs::write(d.path().join("plan.pdf"), b"%PDF-1.4\n").unwrap();
    one_line_error(&d.path().join("plan.pdf"), "PDF");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    std::fs::write(d.path().join("plan.doc"), &ole).unwrap();
    one_line_error(&d.path().join("plan.doc"), "old Word");
}

#[test]
fn a_reader_that_stops_early_ends_parse_quietly() {
    // `planscope parse big.txt | head -1`: the reader closes the pipe after one line. The
    // parse must end with success and say nothing (no panic message on stderr).
    use std::io::Read;
    use std::process::Stdio;
    let f = seeds().join("jieyang-2023-2027.txt");
    let mut child = bin()
        .args(["parse", f.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the pipe is closed with most of the JSON unread.
    let out = child.wait_with_output().unwrap();
    assert_eq!(first[0], b'{');
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
