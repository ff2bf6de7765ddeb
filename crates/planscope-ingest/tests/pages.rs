//! A portal page as saved from the browser: the 政府信息公开 info box is a key–value table
//! whose fields reach the metadata; the article's own title block is kept, the page's chrome
//! is not.

#[test]
fn info_box_table_gives_the_metadata() {
    let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县教育事业发展规划</title></head>
<body>
<div id="header"><div class="logo">某县人民政府</div><ul class="menu"><li>首页</li><li>政务公开</li></ul></div>
<div class="position">当前位置：首页 &gt; 政务公开</div>
<table class="xxgk-info">
<tr><td>索引号：</td><td>000000000/2022-00012</td><td>发文机关：</td><td>某县教育局</td></tr>
<tr><td>发文字号：</td><td>某教发〔2022〕7号</td><td>成文日期：</td><td>2022-03-01</td></tr>
</table>
<div class="article">
<div class="article-head"><h1>某县教育事业发展“十四五”规划</h1></div>
<div class="TRS_Editor">
<p>一、发展基础</p><p>“十三五”期间，全县教育事业快速发展。</p>
<p>二、主要任务</p><p>(一)普及学前教育</p><p>到2025年，学前教育毛入园率达到95%以上。</p>
<p>三、保障措施</p><p>加强组织领导。</p>
</div>
<div class="share-bar">分享到：微信 微博</div>
</div>
<div class="footer">主办：某县人民政府办公室</div>
</body></html>"#;
    let doc = planscope_ingest::parse_file("某县规划.html", page.as_bytes()).unwrap();
    let md = &doc.metadata;
    assert_eq!(md.title, "某县教育事业发展“十四五”规划");
    assert_eq!(md.doc_number.as_deref(), Some("某教发〔2022〕7号"));
    assert_eq!(md.issuer.as_deref(), Some("某县教育局"));
    assert_eq!(md.issued_date.as_deref(), Some("2022-03-01"));
    let labels: Vec<String> = doc
        .walk_sections()
        .iter()
        .map(|s| format!("{}{}", s.label, s.title))
        .collect();
    assert_eq!(
        labels,
        [
            "一、发展基础",
            "二、主要任务",
            "(一)普及学前教育",
            "三、保障措施"
        ]
    );
    let json = serde_json::to_string(&doc).unwrap();
    for chrome in ["当前位置", "分享到", "主办", "政务公开"] {
        assert!(!json.contains(chrome), "{chrome}");
    }
    assert_eq!(doc.targets.len(), 1);
}
