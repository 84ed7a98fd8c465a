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

/** Where `jianggao.serverPath` is written, as `WorkspaceConfiguration.inspect` reports it. */
export interface ServerPathValues {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** A message when the `jianggao.serverPath` the user wrote is not the value VS Code gives the
 *  extension, saying where it was written, why it is ignored and where to write it instead;
 *  `undefined` when the value that should win is in effect. Values are looked at from the one
 *  that wins (a folder's, the workspace's, the user's): an untrusted workspace ignores the
 *  workspace's values (the setting names a program to run); anything else that drops a value
 *  (a remote window of an older release, a folder value in a multi-root workspace) gets the
 *  general advice. */
export function ignoredServerPath(
  values: ServerPathValues | undefined,
  effective: unknown,
  workspaceTrusted: boolean,
  remoteName?: string,
): string | undefined {
  const inEffect = typeof effective === "string" ? effective.trim() : "";
  const places: [unknown, string, boolean][] = [
    [values?.workspaceFolderValue, "工作区文件夹设置", true],
    [values?.workspaceValue, "工作区设置", true],
    [values?.globalValue, "用户设置", false],
  ];
  for (const [value, place, inWorkspace] of places) {
    if (typeof value !== "string" || value.trim() === "") continue;
    if (value.trim() === inEffect) return undefined;
    const head = `${place}中的 “jianggao.serverPath”（“${value.trim()}”）没有生效`;
    if (inWorkspace && !workspaceTrusted) {
      return `${head}：此工作区未受信任，VS Code 不采用工作区设置中要运行的程序。请信任此工作区（命令 “工作区: 管理工作区信任”），或把这一项写到用户设置中。`;
    }
    const where = remoteName
      ? "请把它写到远程设置（命令 “首选项: 打开远程设置”）或工作区设置中"
      : "请把它写到用户设置或工作区设置中";
    return `${head}，VS Code 采用的是 “${inEffect || "（空）"}”。${where}，然后运行命令 “jianggao: 重启语言服务器”。`;
  }
  return undefined;
}
