import assert from "node:assert/strict";
import { test } from "node:test";

import * as fs from "node:fs";
import * as path from "node:path";

import { ignoredServerPath, resolveServer, type ResolveInput } from "../server";

function input(executables: string[], over: Partial<ResolveInput> = {}): ResolveInput {
  return {
    extensionPath: "/ext",
    platform: "linux",
    pathEnv: "/usr/local/bin:/usr/bin",
    homeDir: "/home/li",
    workspaceFolder: "/work/drafts",
    isExecutable: (file) => executables.includes(file),
    ...over,
  };
}

test("the serverPath setting wins over the bundled binary and PATH", () => {
  const all = ["/opt/jg/jianggao", "/ext/server/jianggao", "/usr/bin/jianggao"];
  assert.deepEqual(resolveServer(input(all, { configured: "/opt/jg/jianggao" })), {
    ok: true,
    command: "/opt/jg/jianggao",
    source: "setting",
  });
});

test("serverPath: ~ expands to home, relative paths resolve against the workspace, bare names use PATH", () => {
  assert.deepEqual(resolveServer(input(["/home/li/.cargo/bin/jianggao"], { configured: "~/.cargo/bin/jianggao" })), {
    ok: true,
    command: "/home/li/.cargo/bin/jianggao",
    source: "setting",
  });
  assert.deepEqual(resolveServer(input(["/work/drafts/bin/jianggao"], { configured: "./bin/jianggao" })), {
    ok: true,
    command: "/work/drafts/bin/jianggao",
    source: "setting",
  });
  assert.deepEqual(resolveServer(input(["/usr/bin/jianggao-dev"], { configured: "jianggao-dev" })), {
    ok: true,
    command: "/usr/bin/jianggao-dev",
    source: "setting",
  });
});

test("a serverPath that does not exist is an error naming the setting, not a silent fallback", () => {
  const result = resolveServer(input(["/usr/bin/jianggao"], { configured: "/nowhere/jianggao" }));
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.message : "", /jianggao\.serverPath.*“\/nowhere\/jianggao” 不存在或不可执行/);
});

test("without a setting: bundled binary first, then PATH in order", () => {
  assert.deepEqual(resolveServer(input(["/ext/server/jianggao", "/usr/bin/jianggao"])), {
    ok: true,
    command: "/ext/server/jianggao",
    source: "bundled",
  });
  assert.deepEqual(resolveServer(input(["/usr/bin/jianggao", "/usr/local/bin/jianggao"], { configured: "  " })), {
    ok: true,
    command: "/usr/local/bin/jianggao",
    source: "path",
  });
});

test("nothing found: a Chinese message that says how to fix it", () => {
  const result = resolveServer(input([]));
  assert.equal(result.ok, false);
  const message = !result.ok ? result.message : "";
  assert.match(message, /^找不到讲稿检查的语言服务器 jianggao。/);
  assert.match(message, /cargo install jianggao/);
  assert.match(message, /jianggao\.serverPath/);
});

test("Windows: jianggao.exe bundled, PATHEXT on PATH lookups", () => {
  const win = { platform: "win32" as const, extensionPath: "C:\\ext", pathEnv: "C:\\tools;C:\\bin", pathExt: ".COM;.EXE" };
  assert.deepEqual(resolveServer(input(["C:\\ext\\server\\jianggao.exe"], win)), {
    ok: true,
    command: "C:\\ext\\server\\jianggao.exe",
    source: "bundled",
  });
  assert.deepEqual(resolveServer(input(["C:\\bin\\jianggao.exe"], win)), {
    ok: true,
    command: "C:\\bin\\jianggao.exe",
    source: "path",
  });
});

test("jianggao.serverPath can be set in User settings of a remote window and is guarded in untrusted workspaces", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
  const setting = manifest.contributes.configuration
    .flatMap((c: { properties: Record<string, { scope?: string }> }) => Object.entries(c.properties))
    .find(([key]: [string]) => key === "jianggao.serverPath")[1];
  // `machine` and `machine-overridable` are dropped from User settings in remote windows
  // (code-server, Remote-SSH, WSL, containers).
  assert.equal(setting.scope, "window");
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ["jianggao.serverPath"]);
});

test("a serverPath value that is in effect, overridden or unset says nothing", () => {
  assert.equal(ignoredServerPath(undefined, undefined, true), undefined);
  assert.equal(ignoredServerPath({ globalValue: "/opt/jianggao" }, "/opt/jianggao", true), undefined);
  // The workspace's value wins over the user's: overriding is not ignoring.
  assert.equal(ignoredServerPath({ globalValue: "/a", workspaceValue: "/b" }, "/b", true), undefined);
  assert.equal(ignoredServerPath({ globalValue: "", workspaceValue: "  " }, "", false), undefined);
});

test("an untrusted workspace's serverPath: says it is ignored, why, and where to put it", () => {
  assert.equal(
    ignoredServerPath({ globalValue: "/a", workspaceValue: "./bin/jianggao" }, "/a", false),
    "工作区设置中的 “jianggao.serverPath”（“./bin/jianggao”）没有生效：此工作区未受信任，VS Code 不采用工作区设置中要运行的程序。" +
      "请信任此工作区（命令 “工作区: 管理工作区信任”），或把这一项写到用户设置中。",
  );
});

test("a User serverPath dropped by VS Code: says so and names the remote settings in a remote window", () => {
  assert.equal(
    ignoredServerPath({ globalValue: "/opt/jianggao" }, undefined, true, "ssh-remote"),
    "用户设置中的 “jianggao.serverPath”（“/opt/jianggao”）没有生效，VS Code 采用的是 “（空）”。" +
      "请把它写到远程设置（命令 “首选项: 打开远程设置”）或工作区设置中，然后运行命令 “jianggao: 重启语言服务器”。",
  );
  assert.match(ignoredServerPath({ globalValue: "/opt/jianggao" }, "", true) ?? "", /请把它写到用户设置或工作区设置中/);
});
