// The status bar text for `jianggao/draftInfo`. Pure, tested by `npm test`.

/** The server's answer to `jianggao/draftInfo`. */
export interface DraftInfo {
  version?: number;
  spokenChars?: number;
  minutes?: number;
  /** The number of findings per rule code (also accepted: a total, or a list). */
  findings?: Record<string, number> | number | unknown[];
}

export interface StatusText {
  text: string;
  tooltip: string;
}

/** `$(clock) 约 8 分钟` with a tooltip giving the characters and the number of findings;
 *  `undefined` when the answer has no time in it. */
export function formatDraftInfo(info: unknown): StatusText | undefined {
  if (typeof info !== "object" || info === null) return undefined;
  const { minutes, spokenChars, findings } = info as DraftInfo;
  if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes < 0) return undefined;
  // Nothing spoken (an empty draft, or a server that does not count yet): nothing to show.
  if (spokenChars === 0) return undefined;
  const count = countFindings(findings);
  const text = minutes === 0 ? "$(clock) 不足 1 分钟" : `$(clock) 约 ${minutes} 分钟`;
  const parts: string[] = [];
  if (typeof spokenChars === "number") {
    parts.push(`讲稿约 ${spokenChars.toLocaleString("en-US")} 字，预计讲 ${minutes} 分钟`);
  } else {
    parts.push(`预计讲 ${minutes} 分钟`);
  }
  if (count !== undefined) {
    parts.push(count === 0 ? "未发现问题" : `发现 ${count} 处问题`);
  }
  return { text, tooltip: parts.join("；") + "（jianggao 讲稿检查）" };
}

function countFindings(findings: DraftInfo["findings"]): number | undefined {
  if (typeof findings === "number") return findings;
  if (Array.isArray(findings)) return findings.length;
  if (typeof findings === "object" && findings !== null) {
    return Object.values(findings).reduce<number>((sum, n) => sum + (typeof n === "number" ? n : 0), 0);
  }
  return undefined;
}
