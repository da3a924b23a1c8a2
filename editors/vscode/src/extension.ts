// Starts `agentguard server` over stdio and connects VS Code to it. All the work happens in the
// server; this file only finds the executable and passes the settings.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

const SECTION = "agentguard";
// Settings the server reads (initialization options and workspace/configuration).
const SERVER_SETTINGS = [
  "select",
  "ignore",
  "families",
  "severity",
  "online",
  "debounceMs",
  "timeBudgetMs",
] as const;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("agentguard.restart", async () => {
      await stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // Where the server comes from can only change with a restart; the rest it reloads itself.
      if (
        event.affectsConfiguration(`${SECTION}.path`) ||
        event.affectsConfiguration(`${SECTION}.interpreter`)
      ) {
        await stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration(SECTION);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file" }],
    initializationOptions: serverSettings(settings),
    synchronize: { configurationSection: SECTION },
    outputChannelName: "agentguard",
  };
  client = new LanguageClient("agentguard", "agentguard", serverOptions(settings), clientOptions);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `agentguard: cannot start the language server (${String(error)}). ` +
        "Install agentguard (pip install agentguard) or set agentguard.path / agentguard.interpreter.",
    );
  }
  context.subscriptions.push({ dispose: () => void stop() });
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined && running.isRunning()) {
    await running.stop();
  }
}

/** `agentguard.path`, else `agentguard.interpreter -m agentguard.hooks`, else `agentguard` on PATH. */
export function serverOptions(settings: vscode.WorkspaceConfiguration): ServerOptions {
  const path = settings.get<string>("path", "").trim();
  const interpreter = settings.get<string>("interpreter", "").trim();
  if (path === "" && interpreter !== "") {
    return { command: interpreter, args: ["-m", "agentguard.hooks", "server"], transport: TransportKind.stdio };
  }
  return { command: path === "" ? "agentguard" : path, args: ["server"], transport: TransportKind.stdio };
}

function serverSettings(settings: vscode.WorkspaceConfiguration): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of SERVER_SETTINGS) {
    const value = settings.get(key);
    if (value !== undefined) {
      values[key] = value;
    }
  }
  return values;
}
