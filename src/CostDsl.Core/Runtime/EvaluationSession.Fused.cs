using System.Numerics.Tensors;
using CostDsl.Diagnostics;
using CostDsl.Syntax;

namespace CostDsl.Runtime;

/// <summary>
/// Arithmetic chains over vectors, fused: <c>a * b / (c * d) - e</c> over 1,000,000 samples is one
/// pass over blocks that stay in the first-level cache, with one result array, instead of one pass
/// and one 8 MB array per operator (whose fresh pages cost more than the arithmetic). Each operator
/// is still the same IEEE operation on the same two numbers, so every sample is the same to the
/// bit; its checks (division by zero, a result not finite) run on each block as it is made. When a
/// check fails, or anything else goes wrong, the chain is evaluated again operator by operator, as
/// the unfused path would (<see cref="Slow"/>), so the same error is reported at the same operator.
/// </summary>
public sealed partial class EvaluationSession
{
    // Doubles per block: 8 KB a block, a few blocks live at once, all within the first-level cache.
    private const int FusedBlock = 1024;

    /// <summary>
    /// The value of an arithmetic <paramref name="binary"/> over vectors, fused; null when it is not
    /// worth it (exact programs, where vectors are one value long) so the caller evaluates it as usual.
    /// </summary>
    private Quantity? Fused(BinaryExpr binary, Frame frame)
    {
        if (Layout.Length < 2 * FusedBlock)
        {
            return null;
        }

        var made = new List<FusedNode>();
        FusedNode root;
        try
        {
            root = Plan(binary, frame, made);
        }
        catch (EvaluationError)
        {
            // An operand or an exact operation failed while the chain was being read. Operators made
            // before it come first in the unfused order: their own error, if any, is the one reported.
            foreach (var node in made)
            {
                Slow(node);
            }

            throw;
        }

        return root.Result ?? Blocks(root, made) ?? Slow(root);
    }

    /// <summary>
    /// Reads the chain under <paramref name="expr"/> in evaluation order (left, right, operator): an
    /// operand that is not arithmetic is evaluated as usual; an operation on two exact values is done
    /// at once. <paramref name="made"/> receives the operations in that order.
    /// </summary>
    private FusedNode Plan(Expr expr, Frame frame, List<FusedNode> made)
    {
        switch (expr)
        {
            case ParenExpr paren:
                return Plan(paren.Inner, frame, made);
            case BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide } binary:
                {
                    cancellation.ThrowIfCancellationRequested();
                    var left = Plan(binary.Left, frame, made);
                    var right = Plan(binary.Right, frame, made);
                    return Made(new FusedNode(binary, left, right, null), made);
                }

            case UnaryExpr { Op: UnaryOp.Negate } unary:
                {
                    cancellation.ThrowIfCancellationRequested();
                    var operand = Plan(unary.Operand, frame, made);
                    return Made(new FusedNode(unary, operand, null, null), made);
                }

            default:
                return new FusedNode(expr, null, null, (Quantity)Eval(expr, frame));
        }
    }

    /// <summary>An operation on exact values is done now (it is cheap, and its error comes in its place); others wait for the blocks.</summary>
    private FusedNode Made(FusedNode node, List<FusedNode> made)
    {
        made.Add(node);
        if (node.Left!.Result is { Magnitude.IsExact: true } && (node.Right is null || node.Right.Result is { Magnitude.IsExact: true }))
        {
            Slow(node);
        }

        return node;
    }

    /// <summary>
    /// The chain computed block by block into one array; null when a check fails in some block (the
    /// caller then reports it operator by operator) or the operands are not all one length.
    /// </summary>
    private Quantity? Blocks(FusedNode root, List<FusedNode> made)
    {
        var pending = made.Where(n => n.Result is null).ToList();
        var length = Layout.Length;
        foreach (var node in pending)
        {
            foreach (var operand in (ReadOnlySpan<FusedNode?>)[node.Left, node.Right])
            {
                if (operand?.Result is { } q && !q.Magnitude.IsExact && q.Magnitude.Count != length)
                {
                    return null;
                }
            }

            // Dividing a vector by an exact zero fails in every block: leave it to the unfused path.
            if (node.Site is BinaryExpr { Op: BinaryOp.Divide } && node.Right!.Result is { Magnitude: { IsExact: true, Value: 0 } })
            {
                return null;
            }
        }

        var result = TakeSpare() is { } spare && spare.Length == length ? spare : SampleArrays.Uninitialized(length);
        var scratch = new double[pending.Count * FusedBlock];
        for (var start = 0; start < length; start += FusedBlock)
        {
            if ((start / FusedBlock) % 64 == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            var size = Math.Min(FusedBlock, length - start);
            for (var i = 0; i < pending.Count; i++)
            {
                var node = pending[i];
                if (ReferenceEquals(node, root))
                {
                    node.MoveBlock(result, start, size);
                }
                else
                {
                    node.MoveBlock(scratch, i * FusedBlock, size);
                }

                if (!Step(node, start, size))
                {
                    return null;
                }
            }
        }

        return new Quantity(Magnitude.Sampled(result), Dimension(root));
    }

    /// <summary>One operation over one block; false when its checks fail (a zero divisor, a result not finite).</summary>
    private static bool Step(FusedNode node, int start, int size)
    {
        var target = node.Block;
        if (node.Site is UnaryExpr)
        {
            var operand = node.Left!;
            if (operand.Result is { } q)
            {
                TensorPrimitives.Negate(q.Magnitude.Samples.Slice(start, size), target);
            }
            else
            {
                TensorPrimitives.Negate(operand.Block, target);
            }

            return true;
        }

        var op = ((BinaryExpr)node.Site).Op;
        var left = Operand(node.Left!, start, size, out var leftExact);
        var right = Operand(node.Right!, start, size, out var rightExact);
        if (op == BinaryOp.Divide && (right.IsEmpty ? rightExact == 0 : right.Contains(0.0)))
        {
            return false;
        }

        switch (op, left.IsEmpty, right.IsEmpty)
        {
            case (BinaryOp.Add, false, false): TensorPrimitives.Add(left, right, target); break;
            case (BinaryOp.Add, false, true): TensorPrimitives.Add(left, rightExact, target); break;
            case (BinaryOp.Add, true, _): TensorPrimitives.Add(right, leftExact, target); break;
            case (BinaryOp.Subtract, false, false): TensorPrimitives.Subtract(left, right, target); break;
            case (BinaryOp.Subtract, false, true): TensorPrimitives.Subtract(left, rightExact, target); break;
            case (BinaryOp.Subtract, true, _): TensorPrimitives.Subtract(leftExact, right, target); break;
            case (BinaryOp.Multiply, false, false): TensorPrimitives.Multiply(left, right, target); break;
            case (BinaryOp.Multiply, false, true): TensorPrimitives.Multiply(left, rightExact, target); break;
            case (BinaryOp.Multiply, true, _): TensorPrimitives.Multiply(right, leftExact, target); break;
            case (BinaryOp.Divide, false, false): TensorPrimitives.Divide(left, right, target); break;
            case (BinaryOp.Divide, false, true): TensorPrimitives.Divide(left, rightExact, target); break;
            default: TensorPrimitives.Divide(leftExact, right, target); break;
        }

        // A vectorised sum is finite exactly when every element is, unless finite elements overflow
        // together: then the unfused path looks again, element by element.
        return double.IsFinite(TensorPrimitives.Sum<double>(target));
    }

    /// <summary>An operand's block: its samples there, or an empty span and its exact value.</summary>
    private static ReadOnlySpan<double> Operand(FusedNode node, int start, int size, out double exact)
    {
        exact = 0;
        switch (node.Result)
        {
            case { Magnitude.IsExact: true } q:
                exact = q.Magnitude.Value;
                return [];
            case { } q:
                return q.Magnitude.Samples.Slice(start, size);
            default:
                return node.Block;
        }
    }

    /// <summary>
    /// The operation as the unfused path does it, with its checks and messages, over operands computed
    /// the same way; done once a node (the result is kept).
    /// </summary>
    private Quantity Slow(FusedNode node)
    {
        if (node.Result is { } done)
        {
            return done;
        }

        var l = Slow(node.Left!);
        if (node.Site is UnaryExpr)
        {
            return node.Result = l with { Magnitude = l.Magnitude.Negate() };
        }

        var binary = (BinaryExpr)node.Site;
        var r = Slow(node.Right!);
        node.Result = binary.Op switch
        {
            BinaryOp.Add => Checked(new Quantity(Magnitude.Add(l.Magnitude, r.Magnitude), l.Dimension), binary.OpSpan, "this sum"),
            BinaryOp.Subtract => Checked(new Quantity(Magnitude.Subtract(l.Magnitude, r.Magnitude), l.Dimension), binary.OpSpan, "this difference"),
            BinaryOp.Multiply => Checked(new Quantity(Magnitude.Multiply(l.Magnitude, r.Magnitude), l.Dimension * r.Dimension), binary.OpSpan, "this product"),
            _ => r.Magnitude.ContainsZero
                ? throw Fail(Codes.DivisionByZero, binary.OpSpan, $"division by zero: {binary.Right.Span.Text} is 0")
                : Checked(new Quantity(Magnitude.Divide(l.Magnitude, r.Magnitude), l.Dimension / r.Dimension), binary.OpSpan, "this quotient"),
        };
        return node.Result;
    }

    /// <summary>The dimension of a node's result, as the unfused operators give it.</summary>
    private static Units.Dimension Dimension(FusedNode node) => node.Result?.Dimension ?? node.Site switch
    {
        UnaryExpr => Dimension(node.Left!),
        BinaryExpr { Op: BinaryOp.Multiply } => Dimension(node.Left!) * Dimension(node.Right!),
        BinaryExpr { Op: BinaryOp.Divide } => Dimension(node.Left!) / Dimension(node.Right!),
        _ => Dimension(node.Left!),
    };

    /// <summary>
    /// One operand or operation of a fused chain: an operand has its <see cref="Result"/> from the
    /// start; an operation has one once done exactly (or by <see cref="Slow"/>), else it has the
    /// <see cref="Block"/> being computed. Lives only while its chain is evaluated.
    /// </summary>
    private sealed class FusedNode(Expr site, FusedNode? left, FusedNode? right, Quantity? result)
    {
        public Expr Site { get; } = site;

        public FusedNode? Left { get; } = left;

        public FusedNode? Right { get; } = right;

        public Quantity? Result { get; set; } = result;

        // A slice of an array this chain owns (a span cannot be a field of a class).
        private double[]? blockArray;
        private int blockStart;
        private int blockSize;

        public Span<double> Block => blockArray.AsSpan(blockStart, blockSize);

        public void MoveBlock(double[] array, int start, int size) => (blockArray, blockStart, blockSize) = (array, start, size);
    }
}
