"""The ASK CLI project (ask-resources.json, hooks/) and the CloudFormation
template the cfn-deployer deploys: cfn-lint clean, and pointing at what exists."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest

from skill.tools import lambda_wheels, package
from skill.tools.paths import PROJECT_ROOT

TEMPLATE = PROJECT_ROOT / "infrastructure" / "template.yaml"
RESOURCES = PROJECT_ROOT / "ask-resources.json"
# The parameters @ask-cli/cfn-deployer always passes to the stack.
CFN_DEPLOYER_PARAMETERS = {"SkillId", "LambdaRuntime", "LambdaHandler", "CodeBucket", "CodeKey", "CodeVersion"}
ALEXA_REGIONS = ["us-east-1", "eu-west-1", "us-west-2"]


def _cfn_lint_command() -> list[str]:
    if importlib.util.find_spec("cfnlint") is not None:
        return [sys.executable, "-c", "import sys; from cfnlint.runner import main; sys.exit(main())"]
    found = shutil.which("cfn-lint")
    if found:
        return [found]
    pytest.fail("cfn-lint is not installed (pip install cfn-lint; it is a test dependency)")


def _cfn_lint(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([*_cfn_lint_command(), *arguments], capture_output=True, text=True, timeout=300)


def test_template_is_cfn_lint_clean():
    # Every rule, the experimental ones too, in the AWS regions Alexa's endpoints use.
    completed = _cfn_lint("--include-experimental", "--regions", *ALEXA_REGIONS, "--", str(TEMPLATE))
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_cfn_lint_really_checks(tmp_path):
    """A broken copy fails, so a clean result above means something."""
    broken = tmp_path / "template.yaml"
    broken.write_text(TEMPLATE.read_text().replace("Principal: alexa-appkit.amazon.com", "Principle: x"))
    completed = _cfn_lint("--", str(broken))
    assert completed.returncode != 0
    assert "Principal" in completed.stdout or "Principle" in completed.stdout


def _load_template() -> dict:
    yaml = pytest.importorskip("yaml", reason="PyYAML comes with cfn-lint (a test dependency)")

    class CfnLoader(yaml.SafeLoader):  # type: ignore[name-defined]  # yaml comes from importorskip
        pass

    def tag(name):
        def construct(loader, node):
            if isinstance(node, yaml.ScalarNode):
                value = loader.construct_scalar(node)
                if name == "GetAtt" and isinstance(value, str):
                    value = value.split(".", 1)
            elif isinstance(node, yaml.SequenceNode):
                value = loader.construct_sequence(node, deep=True)
            else:
                value = loader.construct_mapping(node, deep=True)
            return {"Ref" if name == "Ref" else f"Fn::{name}": value}

        return construct

    for name in ("Ref", "GetAtt", "Sub", "Join", "If", "Equals", "Not", "Select", "Split", "FindInMap", "ImportValue"):
        CfnLoader.add_constructor(f"!{name}", tag(name))
    return yaml.load(TEMPLATE.read_text(), Loader=CfnLoader)


def _resources(template: dict, kind: str) -> list[dict]:
    return [r["Properties"] for r in template["Resources"].values() if r["Type"] == kind]


def test_template_is_what_the_cfn_deployer_and_alexa_need():
    template = _load_template()
    assert set(template["Parameters"]) >= CFN_DEPLOYER_PARAMETERS
    # The cfn-deployer reads the endpoint from this output.
    assert "SkillEndpoint" in template["Outputs"]

    (function,) = _resources(template, "AWS::Lambda::Function")
    assert function["Runtime"] == {"Ref": "LambdaRuntime"}
    assert template["Parameters"]["LambdaRuntime"]["AllowedValues"] == [f"python{package.TARGET_PYTHON}"]
    assert function["Handler"] == {"Ref": "LambdaHandler"}
    assert function["Code"] == {
        "S3Bucket": {"Ref": "CodeBucket"},
        "S3Key": {"Ref": "CodeKey"},
        "S3ObjectVersion": {"Ref": "CodeVersion"},
    }
    # The skill checks the id itself too (lambda/lambda_function.py reads it).
    assert function["Environment"]["Variables"]["ALEXA_SKILL_ID"] == {"Ref": "SkillId"}
    assert "ALEXA_SKILL_ID" in (PROJECT_ROOT / "lambda" / "lambda_function.py").read_text()
    assert function["Timeout"] <= 8  # Alexa waits 8 seconds

    # The Alexa Skills Kit trigger, restricted to the skill id.
    (permission,) = _resources(template, "AWS::Lambda::Permission")
    assert permission["Principal"] == "alexa-appkit.amazon.com"
    assert permission["Action"] == "lambda:InvokeFunction"
    assert permission["EventSourceToken"] == {"Ref": "SkillId"}
    function_name = next(name for name, r in template["Resources"].items() if r["Type"] == "AWS::Lambda::Function")
    assert permission["FunctionName"] == {"Fn::GetAtt": [function_name, "Arn"]}


def test_skill_errors_and_throttles_raise_an_alarm_someone_is_told_of():
    """A failing skill cannot speak (Alexa says its own error), so the control lives here:
    an alarm on the function's Errors (timeouts included) and Throttles, sent to a topic."""
    template = _load_template()
    function_name = next(name for name, r in template["Resources"].items() if r["Type"] == "AWS::Lambda::Function")
    topic_name = next(name for name, r in template["Resources"].items() if r["Type"] == "AWS::SNS::Topic")
    alarms = {alarm["MetricName"]: alarm for alarm in _resources(template, "AWS::CloudWatch::Alarm")}
    assert {"Errors", "Throttles"} <= set(alarms)
    for metric in ("Errors", "Throttles"):
        alarm = alarms[metric]
        assert alarm["Namespace"] == "AWS/Lambda"
        assert alarm["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": function_name}}]
        assert alarm["Statistic"] == "Sum" and alarm["Threshold"] == 1  # one failure is one person without advice
        assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
        assert alarm["AlarmActions"] == [{"Ref": topic_name}]
    (subscription,) = _resources(template, "AWS::SNS::Subscription")
    assert subscription["TopicArn"] == {"Ref": topic_name} and subscription["Endpoint"] == {"Ref": "AlarmEmail"}
    assert template["Parameters"]["AlarmEmail"]["Default"] == ""  # the cfn-deployer need not pass it


def test_ask_resources_points_at_existing_files():
    resources = json.loads(RESOURCES.read_text())
    assert resources["askcliResourcesVersion"] == "2020-03-31"
    profile = resources["profiles"]["default"]

    skill_package = (PROJECT_ROOT / profile["skillMetadata"]["src"]).resolve()
    assert (skill_package / "skill.json").is_file()
    assert list((skill_package / "interactionModels" / "custom").glob("*.json"))

    code = (PROJECT_ROOT / profile["code"]["default"]["src"]).resolve()
    assert code.is_dir()

    infrastructure = profile["skillInfrastructure"]
    assert infrastructure["type"] in {"@ask-cli/cfn-deployer", "@ask-cli/lambda-deployer"}
    config = infrastructure["userConfig"]
    assert config["runtime"] == f"python{package.TARGET_PYTHON}"
    module, _, function = config["handler"].rpartition(".")
    handler_file = code / f"{module}.py"
    assert handler_file.is_file()
    tree = ast.parse(handler_file.read_text())
    defined = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
    defined |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert function in defined
    if infrastructure["type"] == "@ask-cli/cfn-deployer":
        assert (PROJECT_ROOT / config["templatePath"]).resolve() == TEMPLATE
        assert not CFN_DEPLOYER_PARAMETERS & set(config.get("cfn", {}).get("parameters", {}))


def test_ask_cli_custom_build_hook():
    """`ask deploy` runs {projectRoot}/hooks/build.sh (build.ps1 on Windows)
    instead of its pip flow, which would leave the `skill` package out."""
    hook = PROJECT_ROOT / "hooks" / "build.sh"
    assert hook.is_file() and os.access(hook, os.X_OK)
    assert hook.read_text().startswith("#!")
    assert "skill.tools.package" in hook.read_text()
    assert "skill.tools.package" in (PROJECT_ROOT / "hooks" / "build.ps1").read_text()
    # The hook reads the pinned runtime requirements from lambda/.
    assert package.LOCK_FILE == PROJECT_ROOT / "lambda" / "requirements.txt"
    pins = {pin.name for pin in lambda_wheels.read_lock(lambda_wheels.LOCK_FILE)}
    assert {"ask-sdk-core", "isodate", "snowballstemmer"} <= pins
    assert not pins & {"flask", "flask-ask-sdk", "gunicorn", "pytest", "rapidfuzz", "cryptography"}
