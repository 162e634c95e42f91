"""A small boto3 test suite, timed: each test resets the server, registers a directory, launches a WorkSpace,
describes it, tags it, reads the tags back and terminates it. Prints one JSON object: tests run and wall seconds.

Usage: python3 bench/boto3-suite.py ENDPOINT emulator|moto TESTS
Against moto's server, each test first creates the directory through moto's Directory Service (and EC2) API, as a
suite using moto must: moto registers only directories its own ds backend knows. Clients are made once and one
untimed test runs first; `seconds` times the TESTS tests after it.
"""
import json
import sys
import time
import urllib.request

import boto3

endpoint, server, tests = sys.argv[1], sys.argv[2], int(sys.argv[3])
REGION = "us-east-1"
BUNDLE = "wsb-1bpbv1wvn"


def client(service):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="111111111111" if server == "emulator" else "testing",
        aws_secret_access_key="testing",
    )


def post(path):
    request = urllib.request.Request(
        f"{endpoint}{path}", data=b"{}", method="POST", headers={"content-type": "application/json"}
    )
    urllib.request.urlopen(request).read()


def reset():
    post("/_emulator/reset" if server == "emulator" else "/moto-api/reset")


def moto_directory(ec2, ds):
    """A Simple AD directory in a VPC with two subnets, through moto's EC2 and Directory Service APIs."""
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"{REGION}{zone}")["Subnet"][
            "SubnetId"
        ]
        for i, zone in ((1, "a"), (2, "b"))
    ]
    directory = ds.create_directory(
        Name="corp.example.com", Password="Passw0rd!", Size="Small", VpcSettings={"VpcId": vpc, "SubnetIds": subnets}
    )["DirectoryId"]
    return directory, subnets


def one_test(ws, ec2, ds, n):
    reset()
    if server == "moto":
        directory, subnets = moto_directory(ec2, ds)
    else:
        directory, subnets = "d-1234567890", ["subnet-0a1b2c3d", "subnet-1a2b3c4d"]
    ws.register_workspace_directory(DirectoryId=directory, SubnetIds=subnets)
    created = ws.create_workspaces(
        Workspaces=[{"DirectoryId": directory, "UserName": f"user{n}", "BundleId": BUNDLE}]
    )
    assert not created["FailedRequests"], created["FailedRequests"]
    workspace = created["PendingRequests"][0]["WorkspaceId"]
    described = ws.describe_workspaces(WorkspaceIds=[workspace])["Workspaces"]
    assert [w["WorkspaceId"] for w in described] == [workspace], described
    ws.create_tags(ResourceId=workspace, Tags=[{"Key": "team", "Value": "bench"}])
    tags = ws.describe_tags(ResourceId=workspace)["TagList"]
    assert {"Key": "team", "Value": "bench"} in tags, tags
    terminated = ws.terminate_workspaces(TerminateWorkspaceRequests=[{"WorkspaceId": workspace}])
    assert not terminated["FailedRequests"], terminated["FailedRequests"]


def main():
    # A suite makes its clients once; one untimed test loads what boto3 loads lazily on first use.
    ws, ec2, ds = client("workspaces"), client("ec2"), client("ds")
    one_test(ws, ec2, ds, -1)
    started = time.perf_counter()
    for n in range(tests):
        one_test(ws, ec2, ds, n)
    print(json.dumps({"server": server, "tests": tests, "seconds": time.perf_counter() - started}))


main()
