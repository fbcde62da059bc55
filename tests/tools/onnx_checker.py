#!/usr/bin/env python3
"""Runs onnx.checker.check_model(model, full_check=True) on exported SeqLab models.

A by-hand / CI check, never part of `npm test`: SeqLab and its tests must not need Python.
Debian / Ubuntu: `apt-get install -y python3-onnx`, then

    /usr/bin/python3 tests/tools/onnx_checker.py model.onnx [more.onnx ...]

full_check also runs ONNX's strict shape inference over the graph, so a wrong dim or type
between nodes fails here even when onnxruntime would still run the model. Exit code 0 when
every file passes, 1 when any fails, 2 on a usage error.
"""

import sys

import onnx


def check(path: str) -> bool:
    try:
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
    except Exception as error:  # the checker raises ValidationError, loading may raise others
        print(f"FAIL {path}\n     {type(error).__name__}: {error}")
        return False
    opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
    ops = sorted({node.op_type for node in model.graph.node})
    print(f"ok   {path}  (IR {model.ir_version}, opset {opsets}, onnx {onnx.__version__}; ops: {' '.join(ops)})")
    return True


def main(paths: list) -> int:
    if not paths or "--help" in paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = [p for p in paths if not check(p)]
    print(f"{len(paths) - len(failed)} of {len(paths)} model(s) pass onnx.checker (full_check=True)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
