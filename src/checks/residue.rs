//! `residue`: junk from template sites and document conversion (page numbers, pagination,
//! site notices, bookmarks, addresses, compilation headers, leftover characters). Detection
//! lives in the draft model (`draft::residue`), which also leaves residue out of the prose.

use super::{Check, Context, Rule};
use crate::draft::{Residue, ResidueKind};
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct ResidueCheck;

const DOCS: &str = "\
### 说明

找出从范文网站、PDF 或 Word 复制讲稿时夹带进来的残留内容：页码（`- 3 -`、`第 3 页`、`3/12`）、\
分页导航（`共3页，当前第1页123`、`上一页`）、站点导航（`相关推荐`、`上一篇：…`）、来源说明\
（`来源：网络  作者：…  更新时间：…`、`《…》来源于…，欢迎阅读…`）、收集整理声明（`本文档由…收集整理`）、\
小编导语（`下面是本站小编给大家整理的…，仅供参考。`）、范文说明段落、`文章标题：…`、标题后的“范文”字样、\
Word 书签（`[bookmark: _Toc1]`）、网址和域名、合集标题（`…(精选5篇)`、`…（五篇）`）、合集摘要\
（`第一篇：…` 后接以 `...` 结尾的节选），以及乱码字符 U+FFFD、零宽字符和软连字符。

### 为什么

这些内容不是讲话的一部分，念出来会闹笑话，印出来会显得稿子是直接抄来的。被分页打断的句子\
（`学 - 4 -` / `习别人`）在朗读时还会断成两截。残留内容不计入讲话时长，也不会打断段落结构。

### 示例

```text
一是要加强理论学习，认真组织干部职工集中学 - 4 -

习有关文件精神。
共3页，当前第1页123
```

### 修改后

```text
一是要加强理论学习，认真组织干部职工集中学习有关文件精神。
```

每处残留都有快速修复：整行残留连同换行一起删除；夹在句中的残留只删除它本身和分隔的空格；\
把句子断开的页码删除后把两半接起来。编辑器还提供“删除全部网页残留”一次处理整篇；命令行可用 \
`jianggao check --fix residue 文件`。

书名号中的占位符（`《XX日报》`）、单独的 `□` 由 `placeholder` 规则报告，不算残留。

### 选项

无（可用 `severity` 调整级别或关闭）。
";

static RULES: &[Rule] = &[Rule {
    code: "residue",
    default_severity: Severity::Warning,
    summary: "网页或文档转换残留（页码、分页导航、来源说明、网址等）",
    docs: DOCS,
    tally: Some("处网页残留"),
    fix_all_title: Some("删除全部网页残留"),
    validate_options: super::no_options,
}];

impl Check for ResidueCheck {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.draft.text;
        for residue in &cx.draft.residue {
            out.push(finding(text, residue));
        }
    }
}

/// Longest quote shown in a message, in characters.
const QUOTE_CHARS: usize = 30;

fn finding(text: &str, residue: &Residue) -> Finding {
    let label = residue.kind.label();
    let shown = describe(text, residue);
    let title = if residue.joins {
        "删除页码并接合被分页断开的句子".to_owned()
    } else if residue.kind.is_character() {
        format!("删除{label}")
    } else {
        format!("删除{shown}")
    };
    Finding::new("residue", residue.range.clone(), format!("{label} {shown}"))
        .with_fix(Fix::new(title, vec![Edit::delete(residue.delete.clone())]))
}

/// The residue as a reader can recognise it: a quote, or code points for invisible characters.
fn describe(text: &str, residue: &Residue) -> String {
    let slice = text.get(residue.range.clone()).unwrap_or("");
    match residue.kind {
        ResidueKind::ZeroWidth | ResidueKind::SoftHyphen => {
            let mut points: Vec<String> = Vec::new();
            for c in slice.chars() {
                let point = format!("U+{:04X}", c as u32);
                if !points.contains(&point) {
                    points.push(point);
                }
            }
            points.join("、")
        }
        _ => {
            let mut quote: String = slice.chars().take(QUOTE_CHARS).collect();
            if slice.chars().count() > QUOTE_CHARS {
                quote.push('…');
            }
            format!("“{quote}”")
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, findings_in, fixed, flagged};
    use crate::config::Config;
    use crate::draft::DocKind;

    fn messages(text: &str) -> Vec<String> {
        findings("residue", text)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    // --- page numbers -------------------------------------------------------------------

    #[test]
    fn page_number_alone_on_a_line() {
        let text = "今年的工作取得了明显成效。\n- 3 -\n下面讲三点意见。\n";
        assert_eq!(flagged("residue", text), ["- 3 -"]);
        assert_eq!(messages(text), ["页码残留 “- 3 -”"]);
        assert_eq!(
            fixed("residue", text, 0),
            "今年的工作取得了明显成效。\n下面讲三点意见。\n"
        );
    }

    #[test]
    fn page_number_forms_alone_on_a_line() {
        for page in [
            "—3—",
            "-12-",
            "第 3 页",
            "第3页",
            "第3页 共12页",
            "3/12",
            "3 / 12",
            "Page 4",
            "page 4 of 9",
        ] {
            let text = format!("会议开得很好。\n　　{page}\n大家要抓好落实。\n");
            assert_eq!(flagged("residue", &text), [page], "{page}");
            assert_eq!(
                fixed("residue", &text, 0),
                "会议开得很好。\n大家要抓好落实。\n",
                "{page}"
            );
        }
    }

    #[test]
    fn page_number_glued_inside_a_line() {
        let text = "这次培训内容丰富 - 2 - 形式新颖。";
        assert_eq!(flagged("residue", text), ["- 2 -"]);
        assert_eq!(fixed("residue", text, 0), "这次培训内容丰富形式新颖。");
    }

    #[test]
    fn page_break_inside_a_sentence_is_deleted_and_joined() {
        let text = "一是要加强理论学习，认真组织全体干部职工集中学 - 4 -\n\n　　习有关文件精神。\n二是要改进作风。\n";
        assert_eq!(flagged("residue", text), ["- 4 -"]);
        let found = findings("residue", text);
        assert_eq!(found[0].fixes[0].title, "删除页码并接合被分页断开的句子");
        assert_eq!(
            fixed("residue", text, 0),
            "一是要加强理论学习，认真组织全体干部职工集中学习有关文件精神。\n二是要改进作风。\n"
        );
    }

    #[test]
    fn page_line_between_the_halves_of_a_sentence_is_joined() {
        let text =
            "各部门要把思想统一到县委的决策部署上来，切实增强\r\n- 5 -\r\n做好工作的责任感。\r\n";
        assert_eq!(
            fixed("residue", text, 0),
            "各部门要把思想统一到县委的决策部署上来，切实增强做好工作的责任感。\r\n"
        );
    }

    #[test]
    fn page_number_after_a_comma_joins_the_next_line() {
        let text = "这次学习班安排紧凑, 内容充实, - 1 -\n\n大家普遍反映收获很大。\n";
        assert_eq!(
            fixed("residue", text, 0),
            "这次学习班安排紧凑, 内容充实,大家普遍反映收获很大。\n"
        );
    }

    #[test]
    fn page_number_opening_the_second_half_is_joined() {
        let text = "我们要以更加饱满的热情投入到新一年的工作中去，认真\n- 8 - 落实各项任务。\n";
        assert_eq!(
            fixed("residue", text, 0),
            "我们要以更加饱满的热情投入到新一年的工作中去，认真落实各项任务。\n"
        );
    }

    #[test]
    fn page_number_after_a_short_heading_is_not_joined() {
        let text = "全年工作回顾 - 2 -\n今年以来，我们抓了三件事。\n";
        assert_eq!(
            fixed("residue", text, 0),
            "全年工作回顾\n今年以来，我们抓了三件事。\n"
        );
    }

    #[test]
    fn page_number_after_a_full_sentence_is_only_deleted() {
        let text = "这项工作已经全面完成。 - 6 -\n下一步要巩固成果。\n";
        assert_eq!(
            fixed("residue", text, 0),
            "这项工作已经全面完成。\n下一步要巩固成果。\n"
        );
    }

    #[test]
    fn page_break_before_a_new_item_is_not_joined() {
        let text = "一是要加强学习，提高全体干部的理论水平和业务能力 - 7 -\n二是要改进作风。\n";
        assert_eq!(
            fixed("residue", text, 0),
            "一是要加强学习，提高全体干部的理论水平和业务能力\n二是要改进作风。\n"
        );
    }

    #[test]
    fn page_number_look_alikes_are_not_flagged() {
        let text = "第3页的表格显示，2019-2020年度收入增长了3-5个百分点。\n\
                    我们要坚持——也必须坚持——以人民为中心。\n\
                    比分是12/3，差距不小。\n\
                    三个年度 2019 - 2020 - 2021 的数据。\n\
                    3/12\n\
                    ——1——\n";
        // `3/12` alone on a line is a page count; everything else is prose.
        assert_eq!(flagged("residue", text), ["3/12"]);
    }

    // --- pagination and site furniture --------------------------------------------------

    #[test]
    fn pagination_counter() {
        let text = "努力开创工作新局面！\n\n共3页，当前第1页123\n\n第二篇讲话\n";
        assert_eq!(messages(text), ["网页残留：分页导航 “共3页，当前第1页123”"]);
        assert_eq!(
            fixed("residue", text, 0),
            "努力开创工作新局面！\n\n\n第二篇讲话\n"
        );
    }

    #[test]
    fn pagination_links_and_navigation_lines() {
        let text = "正文结束。\n首页 上一页 1 2 3 下一页 尾页\n相关推荐\n上一篇：在全县安全生产会议上的讲话\n下一篇：年终总结\n返回顶部 | 返回首页\n分享到：\n";
        assert_eq!(
            messages(text),
            [
                "网页残留：分页导航 “首页 上一页 1 2 3 下一页 尾页”",
                "网页残留：站点导航 “相关推荐”",
                "网页残留：站点导航 “上一篇：在全县安全生产会议上的讲话”",
                "网页残留：站点导航 “下一篇：年终总结”",
                "网页残留：站点导航 “返回顶部 | 返回首页”",
                "网页残留：站点导航 “分享到：”",
            ]
        );
    }

    #[test]
    fn navigation_words_inside_a_sentence_are_prose() {
        let text = "上一篇文章我们讲了学习，下一篇讲作风。\n相关推荐材料已经印发给大家。\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn byline_row() {
        let text =
            "在全市工作会议上的讲话\n来源：网络  作者：晨曦  更新时间：2023-05-06\n同志们：\n";
        assert_eq!(
            messages(text),
            ["网页残留：来源说明 “来源：网络  作者：晨曦  更新时间：2023-05-06”"]
        );
        assert_eq!(
            fixed("residue", text, 0),
            "在全市工作会议上的讲话\n同志们：\n"
        );
        assert_eq!(flagged("residue", "来源：互联网\n"), ["来源：互联网"]);
    }

    #[test]
    fn source_mentioned_in_prose_is_not_flagged() {
        let text = "这笔资金的来源：一是财政拨款，二是社会捐助。\n作者：张三\n经费来源于上级补助，欢迎大家监督。\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn came_from_site_welcome_to_read() {
        let text = "大家辛苦了。\n《在春耕会上的讲话》来源于abcwz，欢迎阅读在春耕会上的讲话。\n";
        assert_eq!(
            messages(text),
            ["网页残留：来源说明 “《在春耕会上的讲话》来源于abcwz，欢迎阅读在春耕会上的讲…”"]
        );
        assert_eq!(fixed("residue", text, 0), "大家辛苦了。\n");
    }

    #[test]
    fn collection_notice_whole_line_and_its_addresses() {
        let text =
            "谢谢大家！\n本文档由范文网abc.net收集整理，更多优质范文文档请移步abc.net站内查找";
        assert_eq!(
            flagged("residue", text),
            ["本文档由范文网abc.net收集整理，更多优质范文文档请移步abc.net站内查找"]
        );
        assert_eq!(
            messages(text)[0].split(' ').next(),
            Some("网页残留：收集整理声明")
        );
        assert_eq!(fixed("residue", text, 0), "谢谢大家！\n");
    }

    #[test]
    fn editor_note_closing_a_site_paragraph_takes_the_paragraph() {
        // The sentences before the note on its line are the site's lead-in, not the speech.
        let text = "办公室是领导的参谋和助手。下面是本站小编给大家整理的办公室会议讲话，仅供参考。\n同志们：\n";
        assert_eq!(
            flagged("residue", text),
            ["办公室是领导的参谋和助手。下面是本站小编给大家整理的办公室会议讲话，仅供参考。"]
        );
        assert_eq!(fixed("residue", text, 0), "同志们：\n");
        // With ASCII punctuation and a separating space.
        let text = "办公室是参谋和助手。 下面就是本站小编为大家整理的讲话, 仅供参考。\n同志们:\n";
        assert_eq!(fixed("residue", text, 0), "同志们:\n");
    }

    #[test]
    fn editor_note_after_the_speech_or_a_title_is_only_the_note() {
        // The speech's own words before the note stay: an address, an exclamation, a title.
        let text = "同志们，办公室工作千头万绪！下面是本站小编给大家整理的讲话，仅供参考。\n";
        assert_eq!(
            flagged("residue", text),
            ["下面是本站小编给大家整理的讲话，仅供参考。"]
        );
        assert_eq!(
            fixed("residue", text, 0),
            "同志们，办公室工作千头万绪！\n"
        );
        let text = "在全县夏粮收购工作会议上的讲话 下面是小编为大家整理的讲话稿，供大家参考。\n";
        assert_eq!(
            fixed("residue", text, 0),
            "在全县夏粮收购工作会议上的讲话\n"
        );
        // A note followed by the speech on the same line.
        let text = "下面是小编为大家整理的讲话稿，供大家参考。同志们：今天开会。\n";
        assert_eq!(fixed("residue", text, 0), "同志们：今天开会。\n");
    }

    #[test]
    fn a_speaker_offering_notes_is_not_an_editor_note() {
        let text = "以下是我为大家整理的几点体会，仅供参考。\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn boilerplate_paragraph() {
        let text = "范文为教学中作为模范的文章，也常用来指写作的模板。以下是我们为大家挑选的文章，一起来看看吧\n\n同志们：\n";
        assert_eq!(
            messages(text)[0].split(' ').next(),
            Some("网页残留：范文说明")
        );
        assert_eq!(fixed("residue", text, 0), "\n同志们：\n");
    }

    #[test]
    fn article_title_line() {
        let text = "文章标题：在全镇防汛工作会上的讲话\n同志们：\n";
        assert_eq!(
            messages(text),
            ["网页残留：文章标题 “文章标题：在全镇防汛工作会上的讲话”"]
        );
        assert_eq!(fixed("residue", text, 0), "同志们：\n");
    }

    #[test]
    fn title_tag_fanwen() {
        let text = "在全镇防汛工作会上的讲话范文\n同志们：\n";
        assert_eq!(flagged("residue", text), ["范文"]);
        assert_eq!(
            fixed("residue", text, 0),
            "在全镇防汛工作会上的讲话\n同志们：\n"
        );
        // A plain title is a title.
        assert_eq!(
            flagged("residue", "在全镇防汛工作会上的讲话\n同志们：\n"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn bookmark_glued_and_alone() {
        let text = "[bookmark: _Toc3]关于做好夏粮收购工作的讲话\n[bookmark: _GoBack]\n同志们：\n";
        assert_eq!(
            messages(text),
            [
                "书签残留 “[bookmark: _Toc3]”",
                "书签残留 “[bookmark: _GoBack]”"
            ]
        );
        assert_eq!(
            fixed("residue", text, 0),
            "关于做好夏粮收购工作的讲话\n[bookmark: _GoBack]\n同志们：\n"
        );
        assert_eq!(
            fixed("residue", text, 1),
            "[bookmark: _Toc3]关于做好夏粮收购工作的讲话\n同志们：\n"
        );
    }

    #[test]
    fn addresses_and_domains() {
        let text = "详情请访问 http://www.example.com/a?id=3 查看。\n更多资料见 www.fanwen123.cn。\n请登录zhengwu.gov.cn办理。\n";
        assert_eq!(
            flagged("residue", text),
            [
                "http://www.example.com/a?id=3",
                "www.fanwen123.cn",
                "zhengwu.gov.cn"
            ]
        );
        assert_eq!(messages(text)[1], "网址 “www.fanwen123.cn”");
        assert_eq!(
            fixed("residue", text, 0).lines().next(),
            Some("详情请访问查看。")
        );
        assert_eq!(
            fixed("residue", text, 1).lines().nth(1),
            Some("更多资料见。")
        );
        assert_eq!(
            fixed("residue", text, 2).lines().nth(2),
            Some("请登录办理。")
        );
    }

    #[test]
    fn numbers_and_file_names_are_not_addresses() {
        let text =
            "增长3.5个百分点，版本v2.0，文件名报告.doc，人均gdp超过4000美元，邮箱abc@163.com。\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn compilation_title_and_teaser() {
        let text = "2022年乡镇工作交流发言(精选5篇)\n在全县春耕动员会上的讲话（五篇）\n第一篇：在春耕会上的讲话同志们：今天我们在这里召开会议，主要任务是...\n第一篇：在春耕会上的讲话\n同志们：\n";
        assert_eq!(
            messages(text),
            [
                "合集标题 “2022年乡镇工作交流发言(精选5篇)”",
                "合集标题 “在全县春耕动员会上的讲话（五篇）”",
                "合集摘要 “第一篇：在春耕会上的讲话同志们：今天我们在这里召开会议，主要…”",
            ]
        );
        let all = crate::analysis::fix_all(&findings("residue", text), "residue");
        assert_eq!(
            crate::finding::apply_edits(text, &all),
            "第一篇：在春耕会上的讲话\n同志们：\n"
        );
    }

    #[test]
    fn speech_titles_and_separators_are_not_compilation_headers() {
        let text = "在全县春耕动员会上的讲话（第二篇）\n第二篇：在全县春耕动员会上的讲话\n乡镇工作交流发言篇三\n我讲三点意见……\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn look_alikes_in_a_speech_are_not_flagged() {
        let text = "关于做好春季防火工作的讲话\n\
                    ——在全县护林防火工作会议上的讲话\n\
                    （2023年3月1日）\n\
                    同志们：\n\
                    下面，我讲三点意见。以下是近期的重点工作安排。\n\
                    共同富裕是我们的目标，第一篇文章要做好“三农”这篇大文章。\n\
                    第一篇：乡村振兴\n\
                    共5页的材料大家会后再看，第2页列出了任务分工。\n\
                    本文件由办公室负责解释，更多情况请向办公室了解。\n\
                    要把这篇讲话当作范文来学习，文章来源于基层实践。\n\
                    上一页纸写不下的内容，下一页接着写。\n\
                    一、2019-2020年度工作回顾\n\
                    （一）防火形势（三个方面）\n\
                    1. 主要做法\n\
                    谢谢大家！\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    // --- leftover characters --------------------------------------------------------------

    #[test]
    fn leftover_characters() {
        let text = "加强\u{FFFD}\u{FFFD}管理，提高\u{200B}效率，推进信息\u{00AD}化。";
        assert_eq!(
            messages(text),
            [
                "乱码字符 “\u{FFFD}\u{FFFD}”",
                "零宽字符 U+200B",
                "软连字符 U+00AD"
            ]
        );
        assert_eq!(
            fixed("residue", text, 0),
            "加强管理，提高\u{200B}效率，推进信息\u{00AD}化。"
        );
        assert_eq!(
            fixed("residue", text, 1),
            "加强\u{FFFD}\u{FFFD}管理，提高效率，推进信息\u{00AD}化。"
        );
        let all = crate::analysis::fix_all(&findings("residue", text), "residue");
        assert_eq!(
            crate::finding::apply_edits(text, &all),
            "加强管理，提高效率，推进信息化。"
        );
    }

    #[test]
    fn lone_box_and_placeholders_are_not_residue() {
        let text = "荣获全省□十佳景区称号，《XX日报》作了报道。\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    // --- the model, fix-all and Markdown -------------------------------------------------

    #[test]
    fn residue_is_not_prose() {
        let text = "同志们，办公室工作千头万绪！下面是本站小编给大家整理的讲话，仅供参考。\n共3页，当前第1页123\n";
        let draft = crate::draft::Draft::parse(text, DocKind::Plain, &Config::default());
        let prose: Vec<&str> = draft
            .paragraphs
            .iter()
            .map(|p| p.prose.text.as_str())
            .collect();
        assert_eq!(prose, ["同志们，办公室工作千头万绪！"]);
    }

    #[test]
    fn fix_all_removes_every_residue() {
        let text = "[bookmark: _Toc1]在全县会议上的讲话（三篇）\n来源：网络  作者：某某  更新时间：2023-01-02\n同志们：\n今天开会 - 1 - 很重要。\n相关推荐\n";
        let all = crate::analysis::fix_all(&findings("residue", text), "residue");
        assert_eq!(all.len(), 5);
        let once = crate::finding::apply_edits(text, &all);
        assert_eq!(once, "同志们：\n今天开会很重要。\n");
        assert_eq!(flagged("residue", &once), Vec::<&str>::new());
    }

    #[test]
    fn markdown_link_targets_are_not_residue() {
        let text = "# 讲话\n\n详见[政务网](https://www.example.gov.cn/a)。\n\n```\nwww.example.com\n```\n\n网址www.fanwen123.cn。\n";
        let found: Vec<&str> = findings_in("residue", text, DocKind::Markdown, &Config::default())
            .iter()
            .map(|f| &text[f.range.clone()])
            .collect();
        assert_eq!(found, ["www.fanwen123.cn"]);
    }

    #[test]
    fn rule_offers_fix_all() {
        let rule = crate::checks::rule("residue").expect("registered");
        assert_eq!(rule.fix_all_title, Some("删除全部网页残留"));
        assert_eq!(rule.default_severity, crate::finding::Severity::Warning);
        let found = findings("residue", "相关推荐\n");
        assert_eq!(found[0].severity, crate::finding::Severity::Warning);
    }
}
