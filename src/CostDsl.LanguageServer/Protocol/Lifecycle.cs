using Newtonsoft.Json.Linq;

namespace CostDsl.LanguageServer.Protocol;

public sealed record WorkspaceFolder(string Uri, string? Name);

public sealed record InitializeParams(string? RootUri, string? RootPath, IReadOnlyList<WorkspaceFolder>? WorkspaceFolders, JToken? InitializationOptions);

public sealed record ServerInfo(string Name, string Version);

public sealed record InitializeResult(JObject Capabilities, ServerInfo ServerInfo);

/// <summary>The parameters and answer of <c>costdsl/stdFile</c>: the text of a bundled library file, by its costdsl-std: URI.</summary>
public sealed record StdFileParams(string? Uri);

public sealed record StdFileResult(string Uri, string Path, string Text);
