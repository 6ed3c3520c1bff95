namespace CostDsl.Catalog;

/// <summary>A model read from a Hugging Face config.json: its shape, and what the config called it.</summary>
public sealed record ImportedModel(TransformerShape Shape, string ModelType, string? Architecture);
