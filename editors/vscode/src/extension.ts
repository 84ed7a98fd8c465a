// The VS Code side of jianggao: starts `jianggao lsp`, feeds it the `jianggao` settings, and
// adds the commands and the speaking-time status bar item. The decisions (settings mapping,
// server resolution, status text) live in pure modules tested by `npm test`.

import * as fs from "node:fs";
import * as os from "node:os";

import * as vscode from "vscode";
import {
  type CancellationToken,
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type MessageSignature,
  type ServerOptions,
  State,
} from "vscode-languageclient/node";

import { failedByRestart, isCleanExit } from "./client-log";
import { configurationItem, documentSelector, type DocumentFilter, toServerSettings } from "./config";
import { ignoredServerPath, resolveServer } from "./server";
import { formatDraftInfo } from "./status";

/** The language client, keeping its log to real errors: the server's clean exit after a stop
 *  and requests that race a restart are not written as errors. */
class JianggaoClient extends LanguageClient {
  private stopRequested = false;

  override stop(timeout?: number): Promise<void> {
    this.stopRequested = true;
    return super.stop(timeout);
  }

  override error(message: string, data?: unknown, showNotification: boolean | "force" = true): void {
    if (isCleanExit(message, this.stopRequested)) {
      this.info("语言服务器已退出（退出码 0）。", undefined, false);
      return;
    }
    super.error(message, data, showNotification);
  }

  override handleFailedRequest<T>(
    type: MessageSignature,
    token: CancellationToken | undefined,
    error: unknown,
    defaultValue: T,
    showNotification?: boolean,
  ): T {
    if (failedByRestart(this.stopRequested, this.state === State.Running)) return defaultValue;
    return super.handleFailedRequest(type, token, error, defaultValue, showNotification);
  }
}

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("jianggao");
const DRAFT_INFO = "jianggao/draftInfo";

let client: JianggaoClient | undefined;
let selector: DocumentFilter[] = [];
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let draftInfoSupported = true;
let statusTimer: NodeJS.Timeout | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("jianggao 讲稿检查");
  status = vscode.window.createStatusBarItem("jianggao.speakingTime", vscode.StatusBarAlignment.Right, 100);
  status.name = "讲稿时长";
  status.command = "workbench.action.problems.focus";
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand("jianggao.restartServer", () => restart(context)),
    vscode.commands.registerCommand("jianggao.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("jianggao.removeResidue", removeResidue),
    vscode.workspace.onDidChangeConfiguration((event) => onConfigurationChanged(event, context)),
    // A workspace's own serverPath applies once it is trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context)),
    vscode.window.onDidChangeActiveTextEditor(() => scheduleStatus(0)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) scheduleStatus(400);
    }),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) scheduleStatus(0);
    }),
    { dispose: () => statusTimer && clearTimeout(statusTimer) },
  );

  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** The settings the server reads, for `scope` (a document, or the workspace). */
function serverSettings(scope?: vscode.Uri) {
  return toServerSettings(JSON.parse(JSON.stringify(vscode.workspace.getConfiguration("jianggao", scope))));
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("jianggao");
  const ignored = ignoredServerPath(
    config.inspect<string>("serverPath"),
    config.get<string>("serverPath"),
    vscode.workspace.isTrusted,
    vscode.env.remoteName,
  );
  if (ignored) {
    output.appendLine(ignored);
    void vscode.window.showWarningMessage(ignored, "打开设置").then(async (choice) => {
      if (choice) await vscode.commands.executeCommand("workbench.action.openSettings", "jianggao.serverPath");
    });
  }
  const resolved = resolveServer({
    configured: config.get<string>("serverPath"),
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    extensionPath: context.extensionPath,
    platform: process.platform,
    pathEnv: process.env.PATH,
    pathExt: process.env.PATHEXT,
    homeDir: os.homedir(),
    isExecutable,
  });
  if (!resolved.ok) {
    output.appendLine(resolved.message);
    const choice = await vscode.window.showErrorMessage(resolved.message, "打开设置", "查看输出");
    if (choice === "打开设置") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "jianggao.serverPath");
    } else if (choice === "查看输出") {
      output.show(true);
    }
    return;
  }
  output.appendLine(`使用语言服务器：${resolved.command}（来源：${sourceName(resolved.source)}）`);

  const serverOptions: ServerOptions = {
    run: { command: resolved.command, args: ["lsp"] },
    debug: { command: resolved.command, args: ["lsp"] },
  };
  selector = documentSelector(config.get("documentSelector"));
  const clientOptions: LanguageClientOptions = {
    // Every filter has a scheme (see documentSelector), which the protocol type requires.
    documentSelector: selector as LanguageClientOptions["documentSelector"],
    outputChannel: output,
    initializationOptions: serverSettings(),
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const answers = params.items.map((item) =>
            configurationItem(item.section, serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)),
          );
          if (answers.every((answer) => answer !== undefined)) return answers;
          const defaults = await next(params, token);
          return answers.map((answer, i) => (answer !== undefined ? answer : Array.isArray(defaults) ? defaults[i] : null));
        },
        // Settings changes are sent by onConfigurationChanged, already in the server's shape.
        didChangeConfiguration: async () => undefined,
      },
    },
  };
  client = new JianggaoClient("jianggao", "jianggao 讲稿检查", serverOptions, clientOptions);
  draftInfoSupported = true;
  try {
    await client.start();
  } catch (err) {
    const message = `jianggao 语言服务器启动失败：${err instanceof Error ? err.message : String(err)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message, "查看输出").then((choice) => choice && output.show(true));
    return;
  }
  scheduleStatus(0);
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  status.hide();
  if (running && running.state !== State.Stopped) {
    await running.stop().catch((err) => output.appendLine(`停止语言服务器时出错：${String(err)}`));
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.appendLine("正在重启语言服务器……");
  await stop();
  await start(context);
}

async function onConfigurationChanged(event: vscode.ConfigurationChangeEvent, context: vscode.ExtensionContext) {
  if (!event.affectsConfiguration("jianggao")) return;
  // Which binary runs and which documents it sees are fixed when the client starts.
  if (event.affectsConfiguration("jianggao.serverPath") || event.affectsConfiguration("jianggao.documentSelector")) {
    await restart(context);
    return;
  }
  if (client?.state === State.Running) {
    // The new settings in the server's shape; the server may also pull them again through
    // `workspace/configuration`, which the middleware answers the same way.
    await client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { jianggao: serverSettings() },
    });
  }
}

/** "删除全部网页残留": applies the server's `source.fixAll.jianggao` action to the active draft. */
async function removeResidue(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showInformationMessage("请先打开一篇讲稿。");
    return;
  }
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      document.uri,
      whole,
      FIX_ALL_KIND.value,
      1,
    )) ?? [];
  const action = actions.find((a) => a.kind !== undefined && FIX_ALL_KIND.contains(a.kind));
  if (!action) {
    void vscode.window.showInformationMessage("这篇讲稿中没有网页残留。");
    return;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showErrorMessage("删除网页残留失败：文档已被修改，请重试。");
    return;
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

function scheduleStatus(delayMs: number): void {
  if (statusTimer) clearTimeout(statusTimer);
  statusTimer = setTimeout(() => void refreshStatus(), delayMs);
}

/** Asks the server for the active draft's speaking time; hides the item when it cannot say. */
async function refreshStatus(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!client || client.state !== State.Running || !draftInfoSupported || !document) {
    status.hide();
    return;
  }
  if (vscode.languages.match(selector, document) === 0) {
    status.hide();
    return;
  }
  try {
    const info = await client.sendRequest(DRAFT_INFO, {
      textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
    });
    const shown = formatDraftInfo(info);
    if (!shown || vscode.window.activeTextEditor?.document !== document) {
      if (!shown) status.hide();
      return;
    }
    status.text = shown.text;
    status.tooltip = shown.tooltip;
    status.show();
  } catch (err) {
    // -32601 MethodNotFound: a server without the request; stop asking until a restart.
    if (typeof err === "object" && err !== null && (err as { code?: number }).code === -32601) {
      draftInfoSupported = false;
    }
    status.hide();
  }
}

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform === "win32") return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function sourceName(source: "setting" | "bundled" | "path"): string {
  return source === "setting" ? "设置 jianggao.serverPath" : source === "bundled" ? "扩展内置" : "PATH";
}
