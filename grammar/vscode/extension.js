// The CostDsl extension: starts `costdsl lsp` (the path is the setting costdsl.server.path) and
// shows the bundled library (std/...) read-only under the costdsl-std: scheme, whose text the
// server serves through its costdsl/stdFile request.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration('costdsl');
  const command = settings.get('server.path') || 'costdsl';
  const args = ['lsp', ...(settings.get('server.args') || [])];
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const run = { command, args, transport: TransportKind.stdio, options: folder ? { cwd: folder.uri.fsPath } : {} };

  client = new LanguageClient('costdsl', 'CostDsl', { run, debug: run }, {
    documentSelector: [
      { scheme: 'file', language: 'costdsl' },
      { scheme: 'untitled', language: 'costdsl' },
      { scheme: 'costdsl-std', language: 'costdsl' },
    ],
  });

  // A content provider's documents are read-only in VS Code: the bundled library cannot be edited by mistake.
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider('costdsl-std', {
    provideTextDocumentContent: async (uri) => {
      const answer = await client.sendRequest('costdsl/stdFile', { uri: uri.toString() });
      return answer.text;
    },
  }));

  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('costdsl.server')) {
      vscode.window.showInformationMessage('CostDsl: reload the window to restart the language server with the new settings.');
    }
  }));

  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
