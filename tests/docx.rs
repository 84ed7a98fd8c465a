//! Reading Word documents (`jianggao::docx`): the text and paragraphs that come out of
//! packages built here from our own sentences, and the findings the core reports on them.

#[path = "common/docx.rs"]
mod docx;

use docx::*;
use jianggao::docx::{analyze, extract, Document, DocxError, Part};
use jianggao::{analyze_with, Config, DocKind};

fn text_of(bytes: &[u8]) -> String {
    extract(bytes).expect("a Word document").text
}

/// (rule, flagged text, message) of every finding, in order.
fn findings(text: &str, analysis: &jianggao::Analysis) -> Vec<(String, String, String)> {
    analysis
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.to_owned(),
                text[f.range.clone()].to_owned(),
                f.message.clone(),
            )
        })
        .collect()
}

/// Two levels of Chinese list numbering, as Word's 多级列表 writes them.
fn two_level_lists(extra: &str) -> String {
    numbering(
        &[&[
            level(0, "chineseCounting", "%1、"),
            level(1, "chineseCounting", "（%2）"),
            level(2, "decimal", "%3."),
        ]],
        extra,
    )
}

#[test]
fn paragraphs_are_lines_with_runs_joined_and_breaks_as_spaces() {
    let bytes = Docx::new(&[
        p_xml(&format!(
            "{}{}",
            run("在全市文明创建"),
            run("推进会上的讲话")
        )),
        p_xml(r#"<w:r><w:t>——市委副书记</w:t></w:r><w:r><w:tab/><w:t>王明</w:t></w:r>"#),
        "<w:p/>".to_owned(),
        p_xml(
            r#"<w:r><w:t>同志们：</w:t><w:br/><w:t xml:space="preserve">  今天开会。</w:t></w:r>"#,
        ),
        p("   "),
        p("文明创建<没有>终点"),
    ])
    .build();
    let document = extract(&bytes).unwrap();
    // Empty and blank paragraphs are left out: Word shows nothing there, and the body's
    // lines stay its paragraphs.
    assert_eq!(
        document.text,
        "在全市文明创建推进会上的讲话\n——市委副书记\t王明\n同志们：   今天开会。\n文明创建<没有>终点\n"
    );
    let numbers: Vec<(usize, &str)> = document
        .paragraphs
        .iter()
        .map(|p| (p.number, &document.text[p.range.clone()]))
        .collect();
    assert_eq!(
        numbers,
        [
            (1, "在全市文明创建推进会上的讲话"),
            (2, "——市委副书记\t王明"),
            (3, "同志们：   今天开会。"),
            (4, "文明创建<没有>终点"),
        ]
    );
    assert!(document.paragraphs.iter().all(|p| p.part == Part::Body));
    assert_eq!(document.body_len, document.text.len());
}

#[test]
fn word_list_numbering_is_drawn_as_the_reader_sees_it() {
    let bytes = Docx::new(&[
        p("在全县秋冬季防火工作会议上的讲话"),
        numbered(1, 0, "提高思想认识"),
        numbered(1, 1, "防火形势依然严峻"),
        numbered(1, 2, "今年以来全县降水偏少。"),
        numbered(1, 2, "林下可燃物积累较多。"),
        numbered(1, 1, "责任落实还有差距"),
        numbered(1, 0, "突出工作重点"),
        numbered(1, 1, "抓好野外用火管理"),
    ])
    .numbering(two_level_lists(""))
    .build();
    assert_eq!(
        text_of(&bytes),
        "在全县秋冬季防火工作会议上的讲话\n一、提高思想认识\n（一）防火形势依然严峻\n1.今年以来全县降水偏少。\n2.林下可燃物积累较多。\n（二）责任落实还有差距\n二、突出工作重点\n（一）抓好野外用火管理\n"
    );

    // Other formats Chinese drafts use: 甲乙丙, ①②③, a start value, a tab after the label.
    let lists = numbering(
        &[&[
            r#"<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircleChinese"/><w:lvlText w:val="%2"/><w:suff w:val="space"/></w:lvl>"#
            .to_owned()]],
        "",
    );
    let bytes = Docx::new(&[
        numbered(1, 0, "项目建设"),
        numbered(1, 1, "征地拆迁"),
        numbered(1, 1, "资金保障"),
        numbered(1, 0, "招商引资"),
    ])
    .numbering(lists)
    .build();
    assert_eq!(
        text_of(&bytes),
        "丙、\t项目建设\n① 征地拆迁\n② 资金保障\n丁、\t招商引资\n"
    );
}

/// A speech: title, salutation, an opening, `body`, a closing.
fn speech(title: &str, body: &[String]) -> Vec<String> {
    let mut paragraphs = vec![
        p(title),
        p("同志们："),
        p("今天的会议，主要是总结去年的工作，部署今年的任务。"),
    ];
    paragraphs.extend_from_slice(body);
    paragraphs.push(p("同志们，让我们共同努力！"));
    paragraphs
}

/// The numbering findings of a document: (rule, flagged text, paragraph).
fn numbering_findings(document: &Document) -> Vec<(String, String, usize)> {
    analyze(document, &Config::default())
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("numbering"))
        .map(|f| {
            (
                f.rule.to_owned(),
                document.text[f.range.clone()].to_owned(),
                document.paragraph_at(f.range.start).unwrap().number,
            )
        })
        .collect()
}

#[test]
fn a_gap_from_a_restarted_word_list_is_reported_and_outlined() {
    // The third heading was given its own list set to start at 四 (Word's 设置编号值), so the
    // reader sees 一、二、四、; the fourth continues the shared count.
    let bytes = Docx::new(&speech(
        "在全区营商环境优化工作会议上的讲话",
        &[
            numbered(1, 0, "看清差距"),
            p("去年我区营商环境评价排名全市第五，比上年前移两位。"),
            numbered(1, 0, "抓住关键"),
            numbered(1, 1, "简化审批流程"),
            p("企业开办时间要压缩到一个工作日以内。"),
            numbered(1, 1, "强化要素保障"),
            p("用地、用电、用水要做到随叫随到。"),
            numbered(2, 0, "压实责任"),
            p("各部门主要负责同志要亲自抓、负总责。"),
            numbered(1, 0, "营造氛围"),
            p("要宣传好典型经验，让企业家安心发展。"),
        ],
    ))
    .numbering(two_level_lists(&restarted_list(4)))
    .build();
    let document = extract(&bytes).unwrap();
    let lines: Vec<&str> = document.text.lines().collect();
    assert_eq!(lines[10], "四、压实责任");
    assert_eq!(lines[12], "五、营造氛围");
    assert_eq!(
        numbering_findings(&document),
        [("numbering-gap".to_owned(), "四、".to_owned(), 11)]
    );
    let analysis = analyze(&document, &Config::default());
    let gap = analysis
        .findings
        .iter()
        .find(|f| f.rule == "numbering-gap")
        .unwrap();
    assert_eq!(
        gap.message,
        "序号不连续：“二、”之后应为“三、”，此处为“四、”"
    );

    // The outline sees the sections Word numbers.
    let sections: Vec<String> = analysis.outline.nodes[0]
        .children
        .iter()
        .filter_map(|n| n.ordinal.as_ref().map(|o| format!("{o}{}", n.name)))
        .collect();
    assert_eq!(
        sections,
        [
            "一、看清差距",
            "二、抓住关键",
            "四、压实责任",
            "五、营造氛围"
        ]
    );
}

#[test]
fn a_word_list_broken_and_restarted_at_one_is_a_duplicate() {
    // The third heading was made a new list (Word's 重新开始于一): 一、二、一、.
    let bytes = Docx::new(&speech(
        "在全县教育工作会议上的讲话",
        &[
            numbered(1, 0, "统一思想"),
            p("教育是民生之基。"),
            numbered(1, 0, "明确任务"),
            p("任务要分解到校、落实到人。"),
            numbered(2, 0, "强化保障"),
            p("经费保障要跟上。"),
        ],
    ))
    .numbering(two_level_lists(&restarted_list(1)))
    .build();
    let document = extract(&bytes).unwrap();
    assert_eq!(
        numbering_findings(&document),
        [("numbering-duplicate".to_owned(), "一、".to_owned(), 8)]
    );
}

#[test]
fn tables_are_read_cell_by_cell_as_paragraphs() {
    let bytes = Docx::new(&[
        p("全镇重点工作安排如下。"),
        table(&[&["时间", "任务"], &["三月底前", "完成XX村道路硬化"]]),
        p("请各村对照落实。"),
    ])
    .build();
    let document = extract(&bytes).unwrap();
    assert_eq!(
        document.text,
        "全镇重点工作安排如下。\n时间\n任务\n三月底前\n完成XX村道路硬化\n请各村对照落实。\n"
    );
    let parts: Vec<(usize, Part)> = document
        .paragraphs
        .iter()
        .map(|p| (p.number, p.part))
        .collect();
    assert_eq!(
        parts,
        [
            (1, Part::Body),
            (2, Part::Table),
            (3, Part::Table),
            (4, Part::Table),
            (5, Part::Table),
            (6, Part::Body)
        ]
    );
    assert_eq!(document.paragraphs[4].place(), "第 5 段（表格）");
    let analysis = analyze(&document, &Config::default());
    let placeholder = analysis
        .findings
        .iter()
        .find(|f| f.rule == "placeholder")
        .unwrap();
    assert_eq!(&document.text[placeholder.range.clone()], "XX村");
    assert_eq!(
        document
            .paragraph_at(placeholder.range.start)
            .unwrap()
            .number,
        5
    );
}

#[test]
fn tracked_changes_are_read_as_accepted_and_comments_are_not_text() {
    let bytes = Docx::new(&[
        p_xml(&format!(
            r#"{}<w:del w:id="1" w:author="审稿人"><w:r><w:delText>基本</w:delText></w:r></w:del><w:ins w:id="2" w:author="审稿人">{}</w:ins>{}"#,
            run("全年任务"),
            run("全面"),
            run("完成。")
        )),
        p_xml(&format!(
            r#"<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
            run("群众满意度明显提升。")
        )),
        p_xml(&format!(
            r#"<w:moveFrom w:id="3" w:author="审稿人">{}</w:moveFrom>{}<w:moveTo w:id="4" w:author="审稿人">{}</w:moveTo>"#,
            run("挪走的话。"),
            run("留下的话，"),
            run("挪来的话。")
        )),
    ])
    .build();
    assert_eq!(
        text_of(&bytes),
        "全年任务全面完成。\n群众满意度明显提升。\n留下的话，挪来的话。\n"
    );
}

#[test]
fn a_list_item_deleted_with_tracked_changes_is_not_numbered() {
    // The second item, text and paragraph mark, is struck out: Word shows 一、二、 and the
    // numbering rules must not see a gap.
    let deleted = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="9" w:author="审稿人"/></w:rPr></w:pPr><w:del w:id="10" w:author="审稿人"><w:r><w:delText>删掉的一条</w:delText></w:r></w:del></w:p>"#;
    let bytes = Docx::new(&[
        numbered(1, 0, "稳住基本盘"),
        deleted.to_owned(),
        numbered(1, 0, "培育新动能"),
    ])
    .numbering(two_level_lists(""))
    .build();
    assert_eq!(text_of(&bytes), "一、稳住基本盘\n二、培育新动能\n");
}

#[test]
fn field_codes_hidden_text_phonetic_guides_contents_and_drawings_are_not_text() {
    let bytes = Docx::new(&[
        p_xml(&format!(
            r#"{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://example.org" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>{}"#,
            run("详见"),
            run("实施方案"),
            run("。")
        )),
        p_xml(&format!(
            r#"{}<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的批注</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示的字</w:t></w:r>"#,
            run("看得见的字，")
        )),
        p_xml(r#"<w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr><w:rt><w:r><w:t>xiè</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>解</w:t></w:r></w:rubyBase></w:ruby><w:r><w:t>放思想。</w:t></w:r>"#),
        // A table of contents spans paragraphs; its lines repeat the headings.
        p_xml(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \o "1-3" \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、统一思想……1</w:t></w:r>"#),
        p_xml(r#"<w:r><w:t>二、明确任务……2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#),
        p_xml(r#"<w:r><w:t>见下图</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:t>图中文字</a:t></a:graphic></wp:inline></w:drawing></w:r><w:r><w:t>。</w:t></w:r>"#),
    ])
    .build();
    assert_eq!(
        text_of(&bytes),
        "详见实施方案。\n看得见的字，显示的字\n解放思想。\n见下图。\n"
    );
}

#[test]
fn header_page_numbers_are_not_residue_but_pasted_ones_are() {
    let bytes = Docx::new(&[
        p("在全县安全生产工作会议上的讲话"),
        p("同志们："),
        p("今年以来，全县安全生产形势总体平稳。"),
        p("- 2 -"),
        p("同志们，安全生产责任重于泰山，让我们共同努力！"),
    ])
    .header(&[p("XX县人民政府办公室")])
    .footer(&[page_number_paragraph(1)])
    .build();
    let document = extract(&bytes).unwrap();
    // The footer's `- {PAGE} -` leaves only its dashes, which are not a page number.
    assert_eq!(
        document.text,
        "在全县安全生产工作会议上的讲话\n同志们：\n今年以来，全县安全生产形势总体平稳。\n- 2 -\n同志们，安全生产责任重于泰山，让我们共同努力！\n\nXX县人民政府办公室\n-  -\n"
    );
    assert_eq!(
        document.body(),
        "在全县安全生产工作会议上的讲话\n同志们：\n今年以来，全县安全生产形势总体平稳。\n- 2 -\n同志们，安全生产责任重于泰山，让我们共同努力！\n"
    );
    let places: Vec<String> = document.paragraphs.iter().map(|p| p.place()).collect();
    assert_eq!(
        places,
        [
            "第 1 段",
            "第 2 段",
            "第 3 段",
            "第 4 段",
            "第 5 段",
            "页眉",
            "页脚"
        ]
    );

    let analysis = analyze(&document, &Config::default());
    // (The short draft also lacks numbered parts; those findings are not this test's.)
    let found: Vec<(String, String)> = findings(&document.text, &analysis)
        .into_iter()
        .filter(|(rule, _, _)| rule == "residue" || rule == "placeholder")
        .map(|(rule, flagged, _)| (rule, flagged))
        .collect();
    assert_eq!(
        found,
        [
            ("residue".to_owned(), "- 2 -".to_owned()),
            ("placeholder".to_owned(), "XX县".to_owned())
        ]
    );
    let placeholder = analysis
        .findings
        .iter()
        .find(|f| f.rule == "placeholder")
        .unwrap();
    assert_eq!(
        document
            .paragraph_at(placeholder.range.start)
            .unwrap()
            .place(),
        "页眉"
    );
}

#[test]
fn footnotes_are_read_after_the_body_in_reference_order() {
    let bytes = Docx::new(&[
        p_xml(&format!(
            "{}{}{}",
            run("全年粮食产量创新高"),
            footnote_ref(2),
            run("。")
        )),
        p_xml(&format!(
            "{}{}{}",
            run("农民收入稳步增长"),
            footnote_ref(1),
            run("。")
        )),
    ])
    .footnote(&[p("收入数据由XX局提供。")])
    .footnote(&[p("产量数据来自统计部门。")])
    .build();
    let document = extract(&bytes).unwrap();
    assert_eq!(
        document.text,
        "全年粮食产量创新高。\n农民收入稳步增长。\n\n产量数据来自统计部门。\n收入数据由XX局提供。\n"
    );
    let places: Vec<String> = document.paragraphs[2..].iter().map(|p| p.place()).collect();
    assert_eq!(places, ["脚注 1", "脚注 2"]);
    // Notes are checked for placeholders and residue only: no structure rule fires on them.
    let analysis = analyze(&document, &Config::default());
    let in_notes: Vec<&str> = analysis
        .findings
        .iter()
        .filter(|f| f.range.start > document.body_len)
        .map(|f| f.rule)
        .collect();
    assert_eq!(in_notes, ["placeholder"]);
}

/// A draft with the usual problems, typed as text and made in Word with list numbering.
const DRAFT_LINES: [&str; 12] = [
    "在全市社区工作会议上的讲话",
    "同志们：",
    "今天召开会议，主要任务是总结工作、部署任务。刚才，XX同志通报了情况。",
    "一、进一步提高认识",
    "社区是基层治理的基础，我们要进一步提高认识，进一步压实责任，进一步改进作风，进一步强化保障，进一步提升水平。",
    "二、突出工作重点",
    "一是完善服务网络。三是加强队伍建设。",
    "共2页，当前第1页",
    "四、强化组织保障",
    "各区要把社区工作纳入年度考核。",
    "各区要把社区工作纳入年度考核。",
    "同志们，让我们共同努力！",
];

#[test]
fn a_word_document_and_the_same_text_give_the_same_findings() {
    let txt = DRAFT_LINES.join("\n") + "\n";
    let heading = |line: &str| line.split_once('、').map(|(_, rest)| rest.to_owned());
    let paragraphs: Vec<String> = DRAFT_LINES
        .iter()
        .map(|line| match heading(line).filter(|_| line.len() < 40) {
            Some(text) => numbered(1, 0, &text),
            None => p(line),
        })
        .collect();
    // 三、 is missing in both: the Word list's third item was given start value 4.
    let mut paragraphs = paragraphs;
    paragraphs[8] = paragraphs[8].replace(r#"<w:numId w:val="1"/>"#, r#"<w:numId w:val="2"/>"#);
    let bytes = Docx::new(&paragraphs)
        .numbering(two_level_lists(&restarted_list(4)))
        .build();
    let document = extract(&bytes).unwrap();
    assert_eq!(document.text, txt, "the Word document reads as the text");

    let config = Config::default();
    let from_word = findings(&document.text, &analyze(&document, &config));
    let from_text = findings(&txt, &analyze_with(&txt, DocKind::Plain, &config));
    assert_eq!(from_word, from_text);
    let rules: Vec<&str> = from_word.iter().map(|(r, _, _)| r.as_str()).collect();
    for rule in [
        "placeholder",
        "numbering-gap",
        "residue",
        "stock-phrase-repeat",
        "repeated-sentence",
    ] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
}

#[test]
fn files_that_are_not_word_documents_are_named() {
    assert_eq!(
        extract(&ole_file("WordDocument")),
        Err(DocxError::LegacyBinary)
    );
    assert_eq!(
        extract(&ole_file("EncryptedPackage")),
        Err(DocxError::Encrypted)
    );
    assert_eq!(extract(&ole_file("Workbook")), Err(DocxError::NotWord));
    assert_eq!(extract(br"{\rtf1\ansi \u35762?}"), Err(DocxError::Rtf));
    assert_eq!(extract(b"PK\x03\x04 broken"), Err(DocxError::NotAPackage));
    assert_eq!(extract("同志们：".as_bytes()), Err(DocxError::NotAPackage));
    let odt = zip_files(&[(
        "mimetype".into(),
        "application/vnd.oasis.opendocument.text".into(),
    )]);
    assert_eq!(extract(&odt), Err(DocxError::OpenDocument));
    let spreadsheet = zip_files(&[("xl/workbook.xml".into(), "<workbook/>".into())]);
    assert_eq!(extract(&spreadsheet), Err(DocxError::NotWord));
    let broken = zip_files(&[(
        "word/document.xml".into(),
        "<w:document><w:body><w:p></w:body>".into(),
    )]);
    assert!(
        matches!(extract(&broken), Err(DocxError::Malformed(ref d)) if d.starts_with("word/document.xml")),
        "{:?}",
        extract(&broken)
    );
    assert_eq!(
        DocxError::LegacyBinary.to_string(),
        "是旧版 Word 文档（.doc），请另存为 .docx 后再检查"
    );
}

#[test]
fn a_zip_bomb_is_refused_by_its_unpacked_size() {
    // 65 MiB of spaces deflate to about 65 KiB.
    let padding = " ".repeat(jianggao::docx::MAX_PART_BYTES as usize + 1);
    let bomb = zip_files(&[(
        "word/document.xml".into(),
        format!("<w:document><w:body>{padding}</w:body></w:document>"),
    )]);
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    assert_eq!(
        extract(&bomb),
        Err(DocxError::TooLarge {
            part: "word/document.xml".into(),
            limit: jianggao::docx::MAX_PART_BYTES
        })
    );
}

#[test]
fn offsets_map_to_body_paragraphs_then_to_notes() {
    let document: Document = extract(
        &Docx::from_lines("第一段。\n\n第二段。")
            .header(&[p("页眉文字")])
            .build(),
    )
    .unwrap();
    assert_eq!(document.text, "第一段。\n第二段。\n\n页眉文字\n");
    let number = |offset: usize| document.paragraph_at(offset).map(|p| p.number);
    assert_eq!(number(0), Some(1));
    assert_eq!(number(12), Some(1));
    assert_eq!(number(13), Some(2));
    // The end of the body (where a missing closing belongs) is the body's last paragraph;
    // past the blank line come the notes.
    assert_eq!(document.body_len, 26);
    assert_eq!(number(26), Some(2));
    assert_eq!(number(27), Some(3));
    assert_eq!(document.paragraphs[2].part, Part::Header);
}
