using CostDsl.Estimation;

namespace CostDsl.Catalog;

/// <summary>
/// A model read from a Hugging Face config.json: its shape (the same <see cref="ModelShape"/> the serving and
/// training models read from a `model` block, with params counted), the context the config states, and what the
/// config called it. The context is kept beside the shape because the performance models take it per call.
/// </summary>
public sealed record ImportedModel(ModelShape Shape, long? Context, string ModelType, string? Architecture);
