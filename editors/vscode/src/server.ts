// Where the language server binary is: the `jianggao.serverPath` setting, else the binary
// bundled in the extension's `server/` folder, else `jianggao` on PATH. Pure: the file system
// is passed in, so `npm test` covers every branch.

import * as path from "node:path";

export interface ResolveInput {
  /** `jianggao.serverPath` as set (may be empty, `~/…`, or relative to the workspace). */
  configured?: string;
  /** The first workspace folder, for relative `serverPath` values. */
  workspaceFolder?: string;
  extensionPath: string;
  platform: NodeJS.Platform;
  /** The PATH environment variable (and PATHEXT on Windows). */
  pathEnv?: string;
  pathExt?: string;
  homeDir?: string;
  /** True when `file` exists and can be executed. */
  isExecutable: (file: string) => boolean;
}

export type Resolved =
  | { ok: true; command: string; source: "setting" | "bundled" | "path" }
  | { ok: false; message: string };

export const INSTALL_HINT =
  "请先安装：cargo install jianggao（或从发布页下载 jianggao 可执行文件），" +
  "或在设置 “jianggao.serverPath” 中填写其完整路径，然后运行命令 “jianggao: 重启语言服务器”。";

export function resolveServer(input: ResolveInput): Resolved {
  const exe = input.platform === "win32" ? "jianggao.exe" : "jianggao";
  const p = input.platform === "win32" ? path.win32 : path.posix;
  const configured = input.configured?.trim();
  if (configured) {
    let file = configured;
    if (file === "~" || file.startsWith("~/") || file.startsWith("~\\")) {
      file = p.join(input.homeDir ?? "~", file.slice(1));
    }
    if (!p.isAbsolute(file) && (file.includes("/") || file.includes("\\"))) {
      file = p.resolve(input.workspaceFolder ?? input.extensionPath, file);
    }
    if (!p.isAbsolute(file)) {
      // A bare name such as `jianggao-dev`: look it up on PATH.
      const found = searchPath(file, input, p);
      if (found) return { ok: true, command: found, source: "setting" };
    } else if (input.isExecutable(file)) {
      return { ok: true, command: file, source: "setting" };
    }
    return {
      ok: false,
      message: `设置 “jianggao.serverPath” 指向的 “${configured}” 不存在或不可执行。请改为 jianggao 可执行文件的完整路径，或清空该设置以使用内置或 PATH 中的 jianggao。`,
    };
  }
  const bundled = p.join(input.extensionPath, "server", exe);
  if (input.isExecutable(bundled)) {
    return { ok: true, command: bundled, source: "bundled" };
  }
  const onPath = searchPath("jianggao", input, p);
  if (onPath) {
    return { ok: true, command: onPath, source: "path" };
  }
  return { ok: false, message: `找不到讲稿检查的语言服务器 jianggao。${INSTALL_HINT}` };
}

function searchPath(name: string, input: ResolveInput, p: typeof path.posix): string | undefined {
  const sep = input.platform === "win32" ? ";" : ":";
  const exts =
    input.platform === "win32" && !p.extname(name)
      ? (input.pathExt ?? ".EXE;.CMD;.BAT").split(";").filter(Boolean)
      : [""];
  for (const dir of (input.pathEnv ?? "").split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = p.join(dir, name + ext.toLowerCase());
      if (input.isExecutable(file)) return file;
    }
  }
  return undefined;
}
