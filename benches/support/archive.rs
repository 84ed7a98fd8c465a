//! Generated drafts for the archive benchmarks: speech-shaped text recombined from a few dozen
//! sentence parts written for this purpose (never corpus text), with the defects a folder of
//! real drafts has (placeholders, broken numbering, residue, repeated stock phrases).
#![allow(dead_code)] // each bench uses a different part of it

use std::path::Path;

const PLACES: &[&str] = &["县", "市", "区", "XX镇", "**市", "开发区", "新城"];
const TOPICS: &[&str] = &[
    "安全生产",
    "乡村振兴",
    "营商环境",
    "社区治理",
    "防汛抗旱",
    "招商引资",
    "教育培训",
    "生态保护",
];
const VERBS: &[&str] = &["抓好", "推进", "落实", "强化", "完善", "深化", "统筹"];
const OBJECTS: &[&str] = &[
    "责任体系",
    "工作机制",
    "基层队伍",
    "服务网络",
    "考核办法",
    "应急预案",
    "督查制度",
];
const ADVERBS: &[&str] = &["进一步", "切实", "认真", "扎实", "全面", "坚决"];
const EXTRAS: &[&str] = &[
    "2024-08-30",
    "xx-x同志",
    "20XX年",
    "增长15.5%",
    "1-11月",
    "共3页，当前第1页",
];
const ORDINALS: &[&str] = &["一是", "二是", "三是", "四是", "五是"];
const HEADS: &[&str] = &["一、", "二、", "三、", "四、"];

/// A small deterministic generator (xorshift), so every run checks the same archive.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn sentence(rng: &mut Rng, out: &mut String) {
    for part in [ADVERBS, VERBS, TOPICS, OBJECTS] {
        out.push_str(rng.pick(part));
    }
    if rng.chance(30) {
        out.push('，');
        for part in [ADVERBS, VERBS, OBJECTS] {
            out.push_str(rng.pick(part));
        }
    }
    if rng.chance(10) {
        out.push_str(rng.pick(EXTRAS));
    }
    out.push_str(rng.pick(&["。", "。", "；", "！", "，确保取得实效。"]));
}

/// One draft of about `bytes` bytes: title, salutation, opening, numbered sections of
/// paragraphs, and usually a closing.
pub fn draft(rng: &mut Rng, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 512);
    out.push_str("在全");
    out.push_str(rng.pick(PLACES));
    out.push_str(rng.pick(TOPICS));
    out.push_str("工作会议上的讲话\n\n");
    out.push_str(rng.pick(&["同志们：", "同志们:", "各位领导、同志们："]));
    out.push_str("\n\n今天召开这次会议，主要任务是");
    sentence(rng, &mut out);
    out.push_str("下面，我讲几点意见。\n");
    let mut head = 0;
    while out.len() < bytes {
        out.push('\n');
        out.push_str(HEADS[head % HEADS.len()]);
        head += 1;
        out.push_str(rng.pick(VERBS));
        out.push_str(rng.pick(TOPICS));
        out.push_str(rng.pick(OBJECTS));
        out.push_str("\n\n");
        for _ in 0..1 + rng.below(4) {
            if rng.chance(50) {
                for ordinal in ORDINALS.iter().take(1 + rng.below(3)) {
                    out.push_str(ordinal);
                    sentence(rng, &mut out);
                }
            } else {
                for _ in 0..2 + rng.below(7) {
                    sentence(rng, &mut out);
                }
            }
            out.push('\n');
        }
    }
    if rng.chance(70) {
        out.push_str("\n同志们，让我们");
        sentence(rng, &mut out);
        out.pop();
        out.push_str("！\n");
    }
    out
}

/// Writes `count` drafts of about `bytes` each into `dir` (`0000.txt`, …); returns the bytes.
pub fn write(dir: &Path, count: usize, bytes: usize) -> usize {
    let mut rng = Rng::new(15);
    let mut total = 0;
    for n in 0..count {
        let text = draft(&mut rng, bytes);
        total += text.len();
        std::fs::write(dir.join(format!("{n:04}.txt")), text).expect("write a generated draft");
    }
    total
}
