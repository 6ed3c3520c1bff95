namespace CostDsl.Syntax;

public enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

public enum UnaryOp
{
    Negate,
    Not,
}

public static class OperatorText
{
    public static string Of(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Power => "^",
        BinaryOp.Equal => "==",
        BinaryOp.NotEqual => "!=",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        BinaryOp.And => "and",
        BinaryOp.Or => "or",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static string Of(UnaryOp op) => op == UnaryOp.Negate ? "-" : "not";

    public static bool IsComparison(BinaryOp op) => op is >= BinaryOp.Equal and <= BinaryOp.GreaterOrEqual;
}
