"""The tools of the browser tests: Chromium, axe-core (run inside each page) and the W3C Nu HTML
checker (vnu.jar, run once over every saved page). The npm packages come from package.json."""

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_FAILING_IMPACTS = ["serious", "critical"]

# Runs inside the page: the violations of axe's default rule set at the failing impacts.
_AXE_RUN = """async (impacts) => {
  if (typeof axe === "undefined") return null;
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter((violation) => impacts.includes(violation.impact))
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}"""


def missing_tools() -> list[str]:
    """What this machine lacks to run the browser tests (empty when all is there)."""
    missing = [] if CHROMIUM.exists() else [f"no Chromium at {CHROMIUM} (apt-get install chromium)"]
    missing += [
        f"no {path.relative_to(ROOT)} (run `npm ci`)"
        for path in (AXE_JS, VNU_JAR)
        if not path.exists()
    ]
    if shutil.which("java") is None:
        missing.append("no `java` for the Nu HTML checker (apt-get install default-jre-headless)")
    return missing


def install_axe(context) -> None:
    """Make axe-core available in every page of a browser context.

    The portal's Content-Security-Policy forbids inline scripts, so axe cannot be added as a
    <script>; an init script goes through the DevTools protocol, which the policy does not cover.
    It leaves the HTML as served untouched (the Nu checker reads the raw response bodies).
    """
    context.add_init_script(path=AXE_JS)


def axe_violations(page) -> list[tuple[str, str]]:
    """The serious and critical axe-core findings of the page: (rule and help, where) pairs."""
    violations = page.evaluate(_AXE_RUN, AXE_FAILING_IMPACTS)
    if violations is None:
        raise RuntimeError(f"axe-core is not loaded in {page.url}: was install_axe() called?")
    return [
        (
            f"axe {v['impact']} `{v['id']}`: {v['help']} ({v['helpUrl']})",
            "at " + ", ".join(v["targets"]),
        )
        for v in violations
    ]


def nu_errors(pages: dict[Path, str]) -> list[tuple[str, str, str]]:
    """Validate saved pages in one run of the Nu HTML checker.

    `pages` maps each saved file to the label (account and URL) its errors are reported with;
    the result holds (label, message, line and source extract) triples.
    """
    if not pages:
        return []
    # The client compiler alone halves the run; it needs a deeper stack than the default.
    java = ["java", "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR)]
    command = [*java, "--errors-only", "--format", "json", "--stdout"]
    completed = subprocess.run(  # noqa: S603 -- a fixed command over our own files
        [*command, *(str(path) for path in sorted(pages))],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(completed.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        output = (completed.stdout + completed.stderr).strip()[:2000]
        return [("Nu HTML checker", f"did not run (exit {completed.returncode})", output)]
    labels = {path.as_uri(): label for path, label in pages.items()}
    labels |= {uri.replace("file:///", "file:/"): label for uri, label in labels.items()}
    errors = []
    for message in messages:
        label = labels.get(message.get("url"), message.get("url", "Nu HTML checker"))
        extract = " ".join(message.get("extract", "").split())
        where = f"line {message.get('lastLine', '?')}: {extract}"
        errors.append((label, f"Nu {message['type']}: {message.get('message')}", where))
    return errors
