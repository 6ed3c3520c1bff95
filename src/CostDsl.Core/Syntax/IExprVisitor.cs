namespace CostDsl.Syntax;

/// <summary>
/// One method per kind of expression node. A pass that must handle every kind implements this
/// interface instead of switching on the node's type, so that adding a kind is a compile error in
/// every such pass until it handles the new kind (a switch with a default would compile and then
/// mishandle it).
/// </summary>
public interface IExprVisitor<out T>
{
    T VisitNumber(NumberExpr number);

    T VisitQuantity(QuantityExpr quantity);

    T VisitName(NameExpr name);

    T VisitMember(MemberExpr member);

    T VisitCall(CallExpr call);

    T VisitList(ListExpr list);

    T VisitParen(ParenExpr paren);

    T VisitUnary(UnaryExpr unary);

    T VisitBinary(BinaryExpr binary);

    T VisitRange(RangeExpr range);

    T VisitIf(IfExpr conditional);

    T VisitConvert(ConvertExpr convert);
}
