import assert from "node:assert/strict";
import { test } from "node:test";

import { resolveServer, type ResolveInput } from "../server";

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
