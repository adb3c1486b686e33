# ASK CLI v2 custom build flow on Windows: `ask deploy` runs
# {projectRoot}\hooks\build.ps1 with the zip to write and the debug flag.
# Same as hooks/build.sh: the zip is built by `back-spasm package`.
param(
    [string]$OutFile = "upload.zip",
    [bool]$DoDebug = $false
)
$ErrorActionPreference = "Stop"

$OutFile = [System.IO.Path]::GetFullPath($OutFile)
$root = Split-Path -Parent $PSScriptRoot
$python = $env:BACK_SPASM_PYTHON
if (-not $python) {
    if (Test-Path "$root\.venv\Scripts\python.exe") { $python = "$root\.venv\Scripts\python.exe" } else { $python = "python" }
}
if ($DoDebug) { Write-Host "[Debug] building $OutFile with $python -m skill.tools.package" }

Push-Location $root
try {
    & $python -m skill.tools.package --output $OutFile
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
} finally {
    Pop-Location
}
