using CostDsl.Modules;
using CostDsl.Semantics;

namespace CostDsl.LanguageServer.Workspace;

/// <summary>
/// Where a document is, in the two ways the server sees it: the editor's URI and the core's file
/// location (a full path, or std/... for the bundled library). The bundled library has no file on
/// disk, so its files get URIs of the scheme <c>costdsl-std:</c> (<c>costdsl-std:/std/models/llama.cost</c>),
/// whose text the editor fetches with the <c>costdsl/stdFile</c> request and shows read-only.
/// </summary>
public static class DocumentUris
{
    public const string StdScheme = "costdsl-std";

    public static bool IsStd(string uri) => uri.StartsWith(StdScheme + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>The core's location for a URI: a full path for file: URIs, std/... for the library, else the URI itself.</summary>
    public static string ToLocation(string uri)
    {
        if (IsStd(uri))
        {
            var path = System.Uri.UnescapeDataString(uri[(StdScheme.Length + 1)..]).TrimStart('/');
            return path.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal) ? path : BundledLibrary.Prefix + path;
        }

        return System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? Path.GetFullPath(parsed.LocalPath) : uri;
    }

    /// <summary>The URI of a location, the inverse of <see cref="ToLocation"/>.</summary>
    public static string FromLocation(string location)
    {
        if (location.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal))
        {
            return $"{StdScheme}:/{location}";
        }

        return Path.IsPathFullyQualified(location) ? new System.Uri(location).AbsoluteUri : location;
    }
}
