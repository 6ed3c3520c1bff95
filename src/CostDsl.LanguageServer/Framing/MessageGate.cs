using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.LanguageServer.Framing;

/// <summary>
/// Stands between the editor and StreamJsonRpc. StreamJsonRpc drops the connection on a message it
/// cannot parse; the JSON-RPC spec wants an error response instead (-32700 parse error, -32600
/// invalid request) and the server to go on. So every frame from the editor is checked here first:
/// a well-formed one is passed on unchanged, a bad one is answered here. Everything the server
/// writes goes back through one <see cref="FrameWriter"/>, so the two kinds of answer never mix.
/// </summary>
public sealed class MessageGate(Stream editorInput, Stream editorOutput, Stream serverSide, TextWriter log)
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;

    private readonly FrameWriter toEditor = new(editorOutput);
    private readonly FrameWriter toServer = new(serverSide);

    /// <summary>Editor to server, until the editor's input ends.</summary>
    public async Task PumpInboundAsync(CancellationToken cancellation)
    {
        var reader = new FrameReader(new BufferedStream(editorInput));
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false) is { } frame)
        {
            var (code, message, id, body) = frame.HeaderError is { } header ? (ParseError, header, null, null) : Check(frame.Body!);
            if (message is not null)
            {
                log.WriteLine($"costdsl lsp: rejected a message: {message}");
                await toEditor.WriteAsync(ErrorResponse(id, code, message), cancellation).ConfigureAwait(false);
                continue;
            }

            await toServer.WriteAsync(body ?? frame.Body!, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Server to editor, until the server side closes.</summary>
    public async Task PumpOutboundAsync(CancellationToken cancellation)
    {
        var reader = new FrameReader(serverSide);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false) is { Body: { } body })
        {
            await toEditor.WriteAsync(body, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Null message when the body is a JSON-RPC 2.0 request, notification or response (with the body
    /// to pass on when it had to be changed); else the error to answer with.
    /// </summary>
    private static (int Code, string? Message, JToken? Id, byte[]? Body) Check(byte[] body)
    {
        JToken message;
        try
        {
            using var text = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(body))) { MaxDepth = 64, DateParseHandling = DateParseHandling.None };
            message = JToken.ReadFrom(text);
            if (text.Read())
            {
                return (ParseError, "parse error: more than one JSON value in the message", null, null);
            }
        }
        catch (JsonException e)
        {
            return (ParseError, $"parse error: {e.Message}", null, null);
        }

        if (message is not JObject request)
        {
            return (InvalidRequest, "invalid request: a message must be a JSON object (batches are not supported)", null, null);
        }

        var id = request["id"];
        var validId = id is null || id.Type is JTokenType.String or JTokenType.Integer or JTokenType.Null;
        var answerId = validId ? id : null;
        if (!validId)
        {
            return (InvalidRequest, "invalid request: 'id' must be a string or an integer", null, null);
        }

        if ((string?)request["jsonrpc"] != "2.0" || request["jsonrpc"]?.Type != JTokenType.String)
        {
            return (InvalidRequest, "invalid request: 'jsonrpc' must be \"2.0\"", answerId, null);
        }

        if (request["method"] is { } method)
        {
            if (method.Type != JTokenType.String || ((string?)method)?.Length is null or 0)
            {
                return (InvalidRequest, "invalid request: 'method' must be a non-empty string", answerId, null);
            }

            if (request["params"] is { Type: JTokenType.Null })
            {
                // Some clients write "params": null for "no parameters"; StreamJsonRpc wants it left out.
                request.Remove("params");
                return (0, null, null, Encoding.UTF8.GetBytes(request.ToString(Formatting.None)));
            }

            if (request["params"] is { Type: not (JTokenType.Object or JTokenType.Array) })
            {
                return (InvalidRequest, "invalid request: 'params' must be an object or an array", answerId, null);
            }

            return (0, null, null, null);
        }

        // A response to a request of the server's: it needs its id and a result or an error.
        return id is not null && id.Type != JTokenType.Null && (request.ContainsKey("result") || request["error"] is JObject)
            ? (0, null, null, null)
            : (InvalidRequest, "invalid request: no 'method', and not a response", answerId, null);
    }

    private static byte[] ErrorResponse(JToken? id, int code, string message)
    {
        var response = new JObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id?.DeepClone() ?? JValue.CreateNull(),
            ["error"] = new JObject { ["code"] = code, ["message"] = message },
        };
        return Encoding.UTF8.GetBytes(response.ToString(Formatting.None));
    }
}
