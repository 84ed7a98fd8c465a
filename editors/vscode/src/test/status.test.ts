import assert from "node:assert/strict";
import { test } from "node:test";

import { formatDraftInfo } from "../status";

test("speaking time, characters and findings", () => {
  assert.deepEqual(formatDraftInfo({ version: 3, spokenChars: 1760, minutes: 8, findings: { placeholder: 2, residue: 1 } }), {
    text: "$(clock) 约 8 分钟",
    tooltip: "讲稿约 1,760 字，预计讲 8 分钟；发现 3 处问题（jianggao 讲稿检查）",
  });
  assert.deepEqual(formatDraftInfo({ spokenChars: 12, minutes: 0, findings: {} }), {
    text: "$(clock) 不足 1 分钟",
    tooltip: "讲稿约 12 字，预计讲 0 分钟；未发现问题（jianggao 讲稿检查）",
  });
  assert.equal(formatDraftInfo({ minutes: 2, findings: [{}, {}] })?.tooltip, "预计讲 2 分钟；发现 2 处问题（jianggao 讲稿检查）");
  assert.equal(formatDraftInfo({ minutes: 2, findings: 5 })?.tooltip, "预计讲 2 分钟；发现 5 处问题（jianggao 讲稿检查）");
});

test("answers without a usable time hide the item", () => {
  assert.equal(formatDraftInfo(null), undefined);
  assert.equal(formatDraftInfo({ spokenChars: 10 }), undefined);
  assert.equal(formatDraftInfo({ minutes: -1 }), undefined);
  assert.equal(formatDraftInfo({ minutes: Number.NaN }), undefined);
  assert.equal(formatDraftInfo({ spokenChars: 0, minutes: 0, findings: {} }), undefined);
});
