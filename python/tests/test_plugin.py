"""The plugin's fixtures against a real emulator, started the way a user's suite starts it.

Run from the repository with the built command: ``pytest python/tests --workspaces-local-command "node dist/cli.cjs"``.
"""

import pytest
from botocore.exceptions import ClientError


def test_registers_through_its_entry_point(pytestconfig):
    assert pytestconfig.pluginmanager.hasplugin("workspaces_local")


def test_serves_boto3_clients_on_the_port_it_learned(workspaces_local, workspaces_client):
    assert workspaces_local.endpoint.startswith("http://127.0.0.1:")
    assert not workspaces_local.endpoint.endswith(":4599")
    bundles = workspaces_client().describe_workspace_bundles(Owner="AMAZON")["Bundles"]
    assert bundles and all(b["BundleId"].startswith("wsb-") for b in bundles)


def test_leaves_state_behind_for_the_next_test_to_find(workspaces_client):
    workspaces_client().create_ip_group(GroupName="left-behind")
    assert len(workspaces_client().describe_ip_groups()["Result"]) == 1


def test_starts_each_test_from_an_empty_emulator(workspaces_client):
    assert workspaces_client().describe_ip_groups()["Result"] == []


def test_plays_accounts_by_access_key(workspaces_client):
    workspaces_client(account="222222222222").create_ip_group(GroupName="theirs")
    assert workspaces_client().describe_ip_groups()["Result"] == []
    assert len(workspaces_client(account="222222222222").describe_ip_groups()["Result"]) == 1


def test_moves_the_manual_clock(workspaces_local, workspaces_client):
    client = workspaces_client()
    client.register_workspace_directory(DirectoryId="d-1234567890", SubnetIds=["subnet-0a1b2c3d", "subnet-4e5f6a7b"])
    state = lambda: client.describe_workspace_directories()["Directories"][0]["State"]  # noqa: E731
    assert workspaces_local.clock()["mode"] == "manual"
    assert state() == "REGISTERING"
    workspaces_local.advance_to_next()
    assert state() == "REGISTERED"
    before = workspaces_local.clock()["nowEpochSeconds"]
    workspaces_local.advance(60)
    assert workspaces_local.clock()["nowEpochSeconds"] == pytest.approx(before + 60, abs=1)


def test_adds_lists_and_clears_deployment_faults(workspaces_local):
    added = workspaces_local.add_fault({"errorCode": "DeploymentError.WorkspaceUnreachable", "count": 1})
    [listed] = workspaces_local.faults()
    assert listed["faultId"] == added["faultId"]
    assert listed["errorCode"] == "DeploymentError.WorkspaceUnreachable"
    workspaces_local.clear_faults()
    assert workspaces_local.faults() == []


def test_makes_an_aws_call_fail_with_an_api_fault(workspaces_local, workspaces_client):
    fault = workspaces_local.add_fault(
        {"kind": "api", "operation": "DescribeIpGroups", "errorCode": "AccessDeniedException", "count": 1}
    )
    with pytest.raises(ClientError) as raised:
        workspaces_client().describe_ip_groups()
    assert raised.value.response["Error"]["Code"] == "AccessDeniedException"
    assert workspaces_client().describe_ip_groups()["Result"] == []
    workspaces_local.remove_fault(fault["faultId"])
    assert workspaces_local.faults() == []


def test_refuses_a_bad_fault_with_the_emulators_message(workspaces_local):
    from pytest_workspaces_local import EmulatorError

    with pytest.raises(EmulatorError, match="HTTP 400"):
        workspaces_local.add_fault({"errorCode": "NoSuchError"})


def test_exports_and_loads_fixtures(workspaces_local, workspaces_client, tmp_path):
    workspaces_client().create_ip_group(GroupName="saved")
    fixture = workspaces_local.export_fixture()
    workspaces_local.reset()
    assert workspaces_client().describe_ip_groups()["Result"] == []
    path = tmp_path / "world.json"
    path.write_text(__import__("json").dumps(fixture))
    workspaces_local.load_fixture(str(path))
    assert [g["groupName"] for g in workspaces_client().describe_ip_groups()["Result"]] == ["saved"]


def test_answers_aws_errors_through_boto3(workspaces_client):
    with pytest.raises(ClientError) as raised:
        workspaces_client().describe_workspace_directories(DirectoryIds=["not-a-directory"])
    assert raised.value.response["Error"]["Code"] == "ValidationException"


MOTO_STYLE_SUITE = """
import boto3


def test_moto_habits(workspaces_local):
    client = boto3.client(
        "workspaces",
        endpoint_url=workspaces_local.endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_ip_group(GroupName="moto-style")
    arn_owner = workspaces_local.client(account="123456789012").describe_ip_groups()["Result"]
    assert [g["groupName"] for g in arn_owner] == ["moto-style"]
"""


def test_maps_non_numeric_keys_to_motos_account_when_asked(pytester, pytestconfig):
    pytester.makepyfile(MOTO_STYLE_SUITE)
    command = pytestconfig.getoption("workspaces_local_command") or "npx workspaces-local"
    with_option = pytester.runpytest_subprocess(
        "--workspaces-local-command", command, "--workspaces-local-moto-account", "-p", "no:cacheprovider"
    )
    with_option.assert_outcomes(passed=1)
    without = pytester.runpytest_subprocess("--workspaces-local-command", command, "-p", "no:cacheprovider")
    without.assert_outcomes(failed=1)
