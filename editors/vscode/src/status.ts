// The status bar text for `jianggao/draftInfo`. Pure, tested by `npm test`.

/** The server's answer to `jianggao/draftInfo`. */
export interface DraftInfo {
  version?: number;
  spokenChars?: number;
  minutes?: number;
  /** A count, or the findings themselves. */
  findings?: number | unknown[];
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
  const count = Array.isArray(findings) ? findings.length : typeof findings === "number" ? findings : undefined;
  const text = minutes === 0 ? "$(clock) 不到 1 分钟" : `$(clock) 约 ${minutes} 分钟`;
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
