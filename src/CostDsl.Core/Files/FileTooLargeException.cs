namespace CostDsl.Files;

/// <summary>A file past a size limit, refused before it was read: reported as CD0003, not as an unreadable file.</summary>
public sealed class FileTooLargeException(string message) : IOException(message);
