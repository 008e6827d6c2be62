"""Only for what pyproject.toml cannot say: templates/ at the repository root ships inside the package.

The templates shape the outputs and are kept beside the code, not in it (the
project's layout); an installed, non-editable copy still needs them, as
xl_funcs/templates, where xl_funcs.table.templates looks when no checkout is
around it.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithTemplates(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "xl_funcs" / "templates"
        self.mkpath(str(target))
        for source in sorted(Path("templates").glob("*.toml")):
            self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildWithTemplates})
