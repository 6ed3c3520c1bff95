using CostDsl.Text;

namespace CostDsl.Parsing;

/// <summary>A word or symbol as the grammar matched it, with its span.</summary>
internal sealed record Token(string Text, SourceSpan Span);
