using System.Text;

namespace CostDsl.Benchmarks;

/// <summary>Generates a realistic spec of about the requested number of lines: blocks, lets, functions, outputs, asserts.</summary>
public static class SpecGenerator
{
    public static string Generate(int lines)
    {
        var text = new StringBuilder();
        var written = 0;
        var i = 0;
        text.Append("unit CNY = USD / 7.1\nfn flops(m, tokens) = 2 FLOP/token * m.params * tokens\n");
        written += 2;
        while (written < lines)
        {
            text.Append($"hardware G{i} {{\n  int8 = {600 + i} TOPS\n  memory = {40 + (i % 3) * 40} GB\n  bandwidth = {1500 + i} GB/s\n  power = 400 W\n  price = {10000 + i} USD\n}}\n");
            text.Append($"model M{i} {{\n  params = {6 + (i % 7)}e9\n  layers = {28 + (i % 5)}\n  d_model = 4096\n}}\n");
            text.Append($"let rps{i} = {1000 + i} / (3 s)\n");
            text.Append($"let work{i} = flops(M{i}, (50 + {i}) * 1 token) * rps{i}\n");
            text.Append($"let gpus{i} = work{i} / (G{i}.int8 * 40%)\n");
            text.Append($"output cost{i} = ceil(gpus{i}) * G{i}.price in CNY\n");
            text.Append($"assert cost{i} < 1e12 CNY \"bounded {i}\"\n");
            written += 17;
            i++;
        }

        return text.ToString();
    }
}
