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
    let title = if residue.joins && residue.kind == ResidueKind::ChunkMarker {
        "删除分段序号并接合被断开的句子".to_owned()
    } else if residue.joins {
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
        ResidueKind::ZeroWidth | ResidueKind::SoftHyphen | ResidueKind::PrivateUse => {
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
        crate::checks::test_support::messages_of("residue", text)
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
        assert_eq!(fixed("residue", text, 0), "同志们，办公室工作千头万绪！\n");
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

    // --- breadcrumbs, menus, buttons and the site's name ----------------------------------

    /// The text after the residue check's fix-all.
    fn fixed_all(text: &str) -> String {
        let all = crate::analysis::fix_all(&findings("residue", text), "residue");
        crate::finding::apply_edits(text, &all)
    }

    /// The label of each finding (the message up to the quote).
    fn labels(text: &str) -> Vec<String> {
        messages(text)
            .iter()
            .map(|m| m.split(' ').next().unwrap_or("").to_owned())
            .collect()
    }

    #[test]
    fn breadcrumbs() {
        let text = "首页 > 讲话稿 > 工作会议 > 在全镇防汛会上的讲话\n\
                    您的当前位置：星河范文网 > 致辞 > 开业致辞\n\
                    当前位置: 公文素材网 >\n\
                    要闻 >工作报告 >\n\
                    百川文库 > 讲话稿 > 表彰大会\n\
                    在全镇防汛会上的讲话\n同志们：\n";
        assert_eq!(
            messages(text),
            [
                "网页残留：面包屑导航 “首页 > 讲话稿 > 工作会议 > 在全镇防汛会上的讲话”",
                "网页残留：面包屑导航 “您的当前位置：星河范文网 > 致辞 > 开业致辞”",
                "网页残留：面包屑导航 “当前位置: 公文素材网 >”",
                "网页残留：面包屑导航 “要闻 >工作报告 >”",
                "网页残留：面包屑导航 “百川文库 > 讲话稿 > 表彰大会”",
            ]
        );
        assert_eq!(fixed_all(text), "在全镇防汛会上的讲话\n同志们：\n");
    }

    #[test]
    fn comparisons_are_not_breadcrumbs() {
        let text = "确保收入>支出，实现收支平衡。\n优先级：安全>质量>进度\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn site_menus_and_download_buttons() {
        let text = "手机版\n登录 | 注册\n我的足迹 | 购物车\n微信扫一扫\n返回\n\
                    收藏《在全镇防汛会上的讲\n10-28 | 移动端：在全镇防汛会上的讲话\n\
                    2024-03-05下载文档一键复制全文\n合集下载\n同志们：\n";
        assert_eq!(
            labels(text),
            [
                "网页残留：站点导航",
                "网页残留：站点导航",
                "网页残留：站点导航",
                "网页残留：站点导航",
                "网页残留：站点导航",
                "网页残留：站点导航",
                "网页残留：站点导航",
                "网页残留：下载按钮",
                "网页残留：下载按钮",
            ]
        );
        assert_eq!(fixed_all(text), "同志们：\n");
    }

    #[test]
    fn menu_words_in_sentences_are_prose() {
        let text = "返回家乡创业的青年越来越多。\n他收藏了许多老照片。\n\
                    请各单位及时下载文档并组织学习。\n大家可以登录平台注册账号。\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn site_names() {
        let text =
            "星河范文网\n欢迎来到晨曦作文网！\n公文素材网提供各类写作素材!\n百川文库\n同志们：\n";
        assert_eq!(
            flagged("residue", text),
            [
                "星河范文网",
                "欢迎来到晨曦作文网！",
                "公文素材网提供各类写作素材!",
                "百川文库"
            ]
        );
        assert_eq!(labels(text)[0], "网页残留：网站名称");
        let prose = "建设好数字文库，方便群众查阅资料。\n三、建设数字文库\n";
        assert_eq!(flagged("residue", prose), Vec::<&str>::new());
    }

    // --- paywalls, adverts, disclaimers and banners -------------------------------------

    #[test]
    fn paywall_lines() {
        let text = "今年的防汛形势依然严峻。\n\
                    试读结束，开通会员即可下载全文\n\
                    预览已结束，剩余内容请登录后查看\n\
                    开通VIP查看和下载\n\
                    （未完，全文共3500字，当前显示800字）\n\
                    (请认真阅读下面的提示信息)\n\
                    点击下一页继续阅读\n\
                    ……(某某网省略500字，正式会员可完整阅读)\n";
        assert_eq!(labels(text), vec!["网页残留：付费提示"; 7]);
        assert_eq!(
            messages(text)[0],
            "网页残留：付费提示 “试读结束，开通会员即可下载全文”"
        );
        assert_eq!(fixed_all(text), "今年的防汛形势依然严峻。\n");
    }

    #[test]
    fn hidden_text_marker_inside_a_paragraph() {
        let text = "今年以来，全镇上下紧紧围绕年初确定的目标任务，抢抓机遇、真抓实干，扎实推进各项工作 ……此处隐藏2300个字…… 群众的获得感明显增强。\n";
        assert_eq!(flagged("residue", text), ["……此处隐藏2300个字……"]);
        assert_eq!(
            fixed("residue", text, 0),
            "今年以来，全镇上下紧紧围绕年初确定的目标任务，抢抓机遇、真抓实干，扎实推进各项工作群众的获得感明显增强。\n"
        );
    }

    #[test]
    fn counts_and_members_in_sentences_are_prose() {
        let text = "数据显示，全市共有协会会员3000人。\n\
                    这份报告全文共8000字，请大家会后认真学习。\n\
                    全文共分三个部分。\n\
                    请同志们会前预览一下会议材料。\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn adverts() {
        let text = "同志们：\n请点击👉 abc1234 👈联系老师\n添加微信 wx_12345 领取资料\n";
        assert_eq!(labels(text), ["网页残留：广告", "网页残留：广告"]);
        assert_eq!(fixed_all(text), "同志们：\n");
        let prose = "遇到困难要及时联系老师。\n有事请联系老师，电话12345678。\n";
        assert_eq!(flagged("residue", prose), Vec::<&str>::new());
    }

    #[test]
    fn platform_disclaimers_and_banners() {
        let text = "《在全镇防汛会上的讲话.docx》由会员分享，可在线阅读，更多相关内容请在百川文库上搜索。\n\
                    1、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑服务。\n\
                    2、如文档侵犯您的权益，请联系客服反馈。\n\
                    本文由网友上传，不代表本站观点，如有侵权请联系删除。\n\
                    同志们：\n";
        assert_eq!(
            labels(text),
            [
                "网页残留：文档分享说明",
                "网页残留：平台声明",
                "网页残留：平台声明",
                "网页残留：平台声明",
            ]
        );
        assert_eq!(fixed_all(text), "同志们：\n");
        let prose = "我们要自觉抵制各类侵权行为，维护群众的合法权益。\n";
        assert_eq!(flagged("residue", prose), Vec::<&str>::new());
    }

    // --- blurbs, tags and chatbot tails --------------------------------------------------

    #[test]
    fn labelled_blurbs() {
        let text = "导语：岁末年初，各地陆续召开年度总结会，领导讲话怎么写？\n\
                    核心提示：抓好防汛工作，关键在于责任落实，各级要把责任压实到人。\n\
                    【阅读指引】本文共分三个部分。\n\
                    前言：本站为你精心整理了几篇开学致辞，希望对你有帮助。\n\
                    同志们：\n";
        assert_eq!(labels(text), vec!["网页残留：网站导语"; 4]);
        assert_eq!(fixed_all(text), "同志们：\n");
        // A preface of the writer's own is text.
        let prose = "前言：这次调研历时两个月。\n";
        assert_eq!(flagged("residue", prose), Vec::<&str>::new());
    }

    #[test]
    fn blurb_paragraphs_before_a_speech() {
        let text = "开学典礼是新学期的第一课，致辞要简短有力。下面给大家分享一些开学典礼校长致辞3篇，供大家参考。\n\
                    秋风送爽，又是一年丰收时，今天小编收集整理了以下中秋致辞，欢迎阅读！\n\
                    岁末年初，各单位都要召开总结会，\n\n\
                    会上的讲话既要总结成绩又要部署工作。下面是小编为大家整理的总结会讲话，供大家参考。\n\
                    同志们：\n";
        assert_eq!(
            labels(text),
            [
                "网页残留：网站导语",
                "网页残留：小编导语",
                "网页残留：小编导语",
                "网页残留：小编导语",
            ]
        );
        // The blurb's first half, broken before a blank line, goes with it.
        assert_eq!(fixed_all(text), "\n同志们：\n");
    }

    #[test]
    fn a_speaker_sharing_material_is_not_a_blurb() {
        let text = "会议材料已经印发，供大家参考。\n\
                    我给大家分享一些基层治理的做法，供大家参考。\n\
                    这篇讲话可作为范文，供大家参考。\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn site_tags_uploaders_and_chatbot_tails() {
        let text = "在全镇防汛会上的讲话（精选文档）\n| 晨光3\n\
                    （仅供学习）各位领导：\n\
                    【以稿换稿】同志们：\n\
                    以上这篇讲话稿既符合您的需求，又体现了时代特点，希望能满足您的期待。\n";
        assert_eq!(
            messages(text),
            [
                "网页残留：网站标注 “（精选文档）”",
                "网页残留：上传者 “| 晨光3”",
                "网页残留：网站标注 “（仅供学习）”",
                "网页残留：网站标注 “【以稿换稿】”",
                "AI回复残留 “以上这篇讲话稿既符合您的需求，又体现了时代特点，希望能满足您…”",
            ]
        );
        assert_eq!(
            fixed_all(text),
            "在全镇防汛会上的讲话\n各位领导：\n同志们：\n"
        );
        // A draft's own brackets are text.
        let prose = "关于成立领导小组的通知（草案）\n会议要求（试行）\n";
        assert_eq!(flagged("residue", prose), Vec::<&str>::new());
    }

    // --- page metadata and a site's table of contents ------------------------------------

    #[test]
    fn page_metadata() {
        let text = "在全镇防汛会上的讲话\n\
                    时间：2023-05-06 10:12:30\n\
                    发布时间：2023-05-06\n\
                    浏览次数：35\n\
                    人气：128\n\
                    作者：佚名 来源：星河范文网\n\
                    编号：20230506123\n\
                    本文标题：在全镇防汛会上的讲话\n\
                    2023-05-06\n\
                    12 34 56\n\
                    讲话 时间：2023-05-06 手机版\n\
                    同志们：\n";
        assert_eq!(
            labels(text),
            [
                "网页残留：发布信息",
                "网页残留：发布信息",
                "网页残留：发布信息",
                "网页残留：发布信息",
                "网页残留：来源说明",
                "网页残留：发布信息",
                "网页残留：文章标题",
                "网页残留：发布信息",
                "页码残留",
                "网页残留：发布信息",
            ]
        );
        assert_eq!(fixed_all(text), "在全镇防汛会上的讲话\n同志们：\n");
    }

    #[test]
    fn an_agenda_time_and_a_written_date_are_text() {
        let text = "会议议程\n时间：2023-05-06 09:00\n地点：县委三楼会议室\n主持人：县长\n\
                    时间：2023年5月6日上午9时\n（2023年5月6日）\n时间紧、任务重，大家要抓紧。\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn site_table_of_contents() {
        let text = "目录/提纲：……\n一、统一思想\n二、突出重点\n……\n同志们：\n";
        assert_eq!(labels(text), vec!["网页残留：网站生成的目录"; 4]);
        assert_eq!(fixed_all(text), "同志们：\n");
        // A report's own table of contents is text.
        let prose = "目录\n一、基本情况\n二、主要做法\n";
        assert_eq!(flagged("residue", prose), Vec::<&str>::new());
    }

    #[test]
    fn page_counter_glued_to_a_line_start() {
        let text = "第2页共5页各单位要认真落实。\n";
        assert_eq!(messages(text), ["页码残留 “第2页共5页”"]);
        assert_eq!(fixed("residue", text, 0), "各单位要认真落实。\n");
    }

    // --- pinyin and code ------------------------------------------------------------------

    #[test]
    fn pinyin_after_characters() {
        let text = "市總工會、市婦聯(lián)和市科協(xié)聯(lián)合舉辦了這次活動。\n";
        assert_eq!(flagged("residue", text), ["(lián)", "(xié)", "(lián)"]);
        assert_eq!(messages(text)[0], "拼音注音残留 “(lián)”");
        assert_eq!(
            fixed_all(text),
            "市總工會、市婦聯和市科協聯合舉辦了這次活動。\n"
        );
        let prose = "各县(市)区、中国(China)、拼音(pinyin)、WPS(wǒ)都不是注音。\n";
        assert_eq!(flagged("residue", prose), Vec::<&str>::new());
    }

    #[test]
    fn pasted_style_sheets_and_tags() {
        let text = "l> [标签:标题] @page { size: 21cm 29.7cm; margin: 2cm } p { line-height: 150%; } 在全镇防汛会上的讲话\n\
                    同志们：</p>\n大家好&nbsp;！\nfont-size: 12pt; font-family: 宋体; 今天开会。\n";
        assert_eq!(
            flagged("residue", text),
            [
                "l> [标签:标题] @page { size: 21cm 29.7cm; margin: 2cm } p { line-height: 150%; } ",
                "</p>",
                "&nbsp;",
                "font-size: 12pt; font-family: 宋体; ",
            ]
        );
        assert_eq!(labels(text)[0], "代码残留（CSS/HTML）");
        assert_eq!(
            fixed_all(text),
            "在全镇防汛会上的讲话\n同志们：\n大家好！\n今天开会。\n"
        );
        let prose = "要处理好“三个{关系}”，收入 > 支出，a<b。\n";
        assert_eq!(flagged("residue", prose), Vec::<&str>::new());
    }

    // --- compilation labels and chunk numbers -----------------------------------------------

    #[test]
    fn compilation_labels_and_titles() {
        let text = "开学典礼致辞例文【第一篇】\n【开学典礼校长致辞二】\n开学典礼校长致辞(1)\n02\n\
                    开学典礼校长致辞5篇\n在开学典礼上的讲话(精选多篇)[此文共5200字]\n同志们：\n";
        assert_eq!(
            labels(text),
            [
                "合集序号",
                "合集序号",
                "合集序号",
                "合集序号",
                "合集标题",
                "合集标题"
            ]
        );
        assert_eq!(fixed_all(text), "同志们：\n");
    }

    #[test]
    fn the_only_label_of_a_cut_off_compilation() {
        let text = "第1篇\n今天是开学的日子。\n";
        assert_eq!(messages(text), ["合集序号 “第1篇”"]);
        let text = "开学典礼校长致辞 篇1\n尊敬的老师们：\n";
        assert_eq!(flagged("residue", text), ["开学典礼校长致辞 篇1"]);
        // Labels that split a compilation are its speeches' separators; a label with the
        // speech's own title keeps it.
        let text = "开学致辞篇一\n同学们：\n今天开学。\n开学致辞篇二\n老师们：\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
        let text = "第一篇：在开学典礼上的讲话\n同学们：\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    #[test]
    fn counts_of_work_are_not_compilation_titles() {
        let text =
            "全年撰写讲话稿12篇\n一是完成调研报告5篇，\n在全县春耕动员会上的讲话（第二篇）\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
    }

    const CHUNK_ONE: &str = "今年以来，全县上下坚持以项目建设为总抓手，围绕年初确定的目标任务，一手抓招商引资，一手抓项目落地，先后引进了一批投资规模大、科技含量高、带动能力强的好项目，重点项目建设呈现出开工早、推进快、质量好的良好态势。同时，我们坚持问题导向，对照年度目标逐项梳理，对进度滞后的项目实行挂牌督办，对存在的困难和问题建立台账、限时解决，为全县经济社会发展注入了";
    const CHUNK_TWO: &str = "强劲动力。但也要清醒地看到，我们的工作与上级要求和群众期盼相比还有不小差距，一些项目前期工作不扎实，要素保障跟不上，个别单位服务意识不强、工作作风不实，这些问题必须引起我们的高度重视，在今后的工作中切实加以解决。下一步，各级各部门要进一步增强责任感和紧迫感，以更加务实的作风、更加有力的措施，全力以赴抓好";

    #[test]
    fn chunk_numbers_of_a_document_site_are_deleted_and_joined() {
        let text = format!("1、{CHUNK_ONE}\n2、{CHUNK_TWO}\n3、项目建设各项工作。\n");
        assert_eq!(flagged("residue", &text), ["1、", "2、", "3、"]);
        assert_eq!(labels(&text), vec!["文档分段序号"; 3]);
        let found = findings("residue", &text);
        assert_eq!(found[1].fixes[0].title, "删除分段序号并接合被断开的句子");
        assert_eq!(
            fixed_all(&text),
            format!("{CHUNK_ONE}{CHUNK_TWO}项目建设各项工作。\n")
        );
        // The model reads one paragraph.
        let draft = crate::draft::Draft::parse(&text, DocKind::Plain, &Config::default());
        assert_eq!(draft.paragraphs.len(), 1);
    }

    #[test]
    fn a_numbered_list_is_not_chunked() {
        let text = "1、加强学习。\n2、改进作风。\n3、狠抓落实。\n";
        assert_eq!(flagged("residue", text), Vec::<&str>::new());
        // Long items that end their sentences are items too.
        let text = format!("1、{CHUNK_ONE}强劲动力。\n2、{CHUNK_TWO}项目建设。\n");
        assert_eq!(flagged("residue", &text), Vec::<&str>::new());
    }

    #[test]
    fn residue_is_never_the_title() {
        let text = "手机版\n您的当前位置：星河范文网 > 讲话 > 防汛\n星河范文网\n\
                    时间：2023-05-06 10:12:30\n在全镇防汛工作会议上的讲话\n同志们：\n今天开会。\n";
        let draft = crate::draft::Draft::parse(text, DocKind::Plain, &Config::default());
        let speech = &draft.speeches[0];
        assert_eq!(
            draft.speech_title(speech),
            Some("在全镇防汛工作会议上的讲话")
        );
        assert_eq!(draft.paragraphs[0].prose.text, "在全镇防汛工作会议上的讲话");
    }

    #[test]
    fn markdown_drafts() {
        let text =
            "# 在全镇防汛会上的讲话\n\n首页 > 讲话稿 > 防汛\n\n试读结束，开通会员即可下载全文\n\n\
                    市婦聯(lián)的同志也来了。\n\n```\nfont-size: 12pt;\n```\n\n同志们：\n";
        let found: Vec<&str> = findings_in("residue", text, DocKind::Markdown, &Config::default())
            .iter()
            .map(|f| &text[f.range.clone()])
            .collect();
        // The style sheet inside a code block is the writer's code, not pasted residue.
        assert_eq!(
            found,
            [
                "首页 > 讲话稿 > 防汛",
                "试读结束，开通会员即可下载全文",
                "(lián)"
            ]
        );
    }

    #[test]
    fn private_use_character() {
        let text = "荣获\u{E004}全省先进集体称号。";
        assert_eq!(messages(text), ["私用区字符（转换时丢失的字形） U+E004"]);
        assert_eq!(
            findings("residue", text)[0].fixes[0].title,
            "删除私用区字符（转换时丢失的字形）"
        );
        assert_eq!(fixed("residue", text, 0), "荣获全省先进集体称号。");
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
