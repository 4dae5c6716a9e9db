"""Build the optional compiled XES scanner; everything else is in pyproject.toml.

The extension is optional: where no C compiler or Python headers are available the install
still succeeds and Headway reads XES with its NumPy scanner (slower; see docs/mining.md).
Its sources are in src/headway/mining/xes_c/ (MANIFEST.in puts them in the sdist).
"""

from setuptools import Extension, setup

XES_C = "src/headway/mining/xes_c"

setup(
    ext_modules=[
        Extension(
            "headway.mining._xes",
            sources=[f"{XES_C}/{name}.c" for name in ("buffers", "text", "scanner", "module")],
            depends=[f"{XES_C}/{name}.h" for name in ("buffers", "text", "scanner")],
            include_dirs=[XES_C],
            extra_compile_args=["-O2"],
            optional=True,
        )
    ]
)
