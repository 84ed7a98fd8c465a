// `npm run package`: the universal jianggao.vsix, which finds the server through
// `jianggao.serverPath` or PATH (a server/ folder left by bundle-server is not packed).
// `npm run package -- --target linux-x64`: jianggao-linux-x64.vsix, a platform package that
// carries the jianggao binary in server/ (built by scripts/bundle-server.sh: cargo build
// --release, or the binary JIANGGAO_BIN names), so installing that one file is enough.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const at = args.indexOf("--target");
const target = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && !target) fail("--target needs a value, e.g. --target linux-x64");

const vsce = path.join(here, "node_modules", ".bin", process.platform === "win32" ? "vsce.cmd" : "vsce");
const run = (cmd, argv, env = process.env) => execFileSync(cmd, argv, { cwd: here, stdio: "inherit", env });

const ignore = fs.readFileSync(path.join(here, ".vscodeignore"), "utf8");
const ignoreFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jianggao-vsce-")), "ignore");

if (!target) {
  fs.writeFileSync(ignoreFile, `${ignore.trimEnd()}\nserver/**\n`);
  run(vsce, ["package", "--allow-missing-repository", "--ignoreFile", ignoreFile, "--out", "jianggao.vsix"]);
} else {
  // The bundled binary is built on this machine, so it runs only on this platform.
  const host = `${process.platform === "win32" ? "win32" : process.platform}-${process.arch}`;
  if (target !== host) fail(`--target ${target}: this machine builds jianggao for ${host} only`);
  const exe = process.platform === "win32" ? "jianggao.exe" : "jianggao";
  if (process.env.JIANGGAO_BIN || !fs.existsSync(path.join(here, "server", exe))) {
    run("sh", [path.join("scripts", "bundle-server.sh")]);
  }
  fs.writeFileSync(ignoreFile, ignore);
  run(vsce, ["package", "--allow-missing-repository", "--target", target, "--ignoreFile", ignoreFile, "--out", `jianggao-${target}.vsix`]);
}
fs.rmSync(path.dirname(ignoreFile), { recursive: true, force: true });

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(2);
}
