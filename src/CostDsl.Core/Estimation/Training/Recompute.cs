namespace CostDsl.Estimation.Training;

/// <summary>
/// Activation recomputation (Korthikanti et al. 2022, arXiv:2205.05198, section 5): none keeps every
/// activation; selective recomputes only the attention scores (softmax, dropout, QK^T and AV);
/// full keeps each layer's input and reruns the whole forward pass of the layer in the backward pass.
/// </summary>
public enum Recompute
{
    None = 0,
    Selective = 1,
    Full = 2,
}
