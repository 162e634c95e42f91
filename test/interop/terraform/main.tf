# Every WorkSpaces resource and data source of the AWS provider, pointed at the emulator. The interop test applies it
# (stage "first"), applies an in-place update (stage "second"), checks that a plan after each shows no change, and
# destroys it. The README's Terraform section is its short form.

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" { type = string }
variable "image_id" { type = string }
variable "stage" { type = string }

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "111111111111"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    workspaces = var.endpoint
  }
}

data "aws_workspaces_bundle" "standard" {
  owner = "AMAZON"
  name  = "Standard with Windows 10 (Server 2019 based)"
}

data "aws_workspaces_image" "golden" {
  image_id = var.image_id
}

resource "aws_workspaces_ip_group" "office" {
  name        = "office"
  description = "Office networks"

  rules {
    source      = "10.0.0.0/16"
    description = "Head office"
  }
  rules {
    source = var.stage == "first" ? "192.168.1.0/24" : "192.168.2.0/24"
  }

  tags = { Team = "desktops" }
}

resource "aws_workspaces_directory" "corp" {
  directory_id = "d-1234567890"
  subnet_ids   = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  ip_group_ids = [aws_workspaces_ip_group.office.id]

  self_service_permissions {
    change_compute_type  = true
    increase_volume_size = true
    rebuild_workspace    = true
    restart_workspace    = true
    switch_running_mode  = var.stage != "first"
  }

  workspace_access_properties {
    device_type_android    = "ALLOW"
    device_type_chromeos   = "ALLOW"
    device_type_ios        = "ALLOW"
    device_type_linux      = "DENY"
    device_type_osx        = "ALLOW"
    device_type_web        = "DENY"
    device_type_windows    = "ALLOW"
    device_type_zeroclient = "DENY"
  }

  workspace_creation_properties {
    enable_internet_access              = true
    enable_maintenance_mode             = true
    user_enabled_as_local_administrator = false
  }

  tags = { Team = "desktops" }
}

resource "aws_workspaces_workspace" "alice" {
  directory_id = aws_workspaces_directory.corp.id
  bundle_id    = data.aws_workspaces_bundle.standard.id
  user_name    = "alice"

  root_volume_encryption_enabled = false
  user_volume_encryption_enabled = false

  # The provider waits a fixed minute after any change to these properties, so the update changes only tags here.
  workspace_properties {
    compute_type_name                         = "STANDARD"
    user_volume_size_gib                      = 50
    root_volume_size_gib                      = 80
    running_mode                              = "AUTO_STOP"
    running_mode_auto_stop_timeout_in_minutes = 60
  }

  tags = { Team = "desktops", Stage = var.stage }
}

resource "aws_workspaces_connection_alias" "desktops" {
  connection_string = "desktops.example.com"
  tags              = { Team = "desktops" }
}

data "aws_workspaces_directory" "corp" {
  directory_id = aws_workspaces_directory.corp.id
}

data "aws_workspaces_workspace" "alice" {
  workspace_id = aws_workspaces_workspace.alice.id
}

output "bundle_id" { value = data.aws_workspaces_bundle.standard.id }
output "image_name" { value = data.aws_workspaces_image.golden.name }
output "directory_name" { value = data.aws_workspaces_directory.corp.directory_name }
output "workspace_id" { value = aws_workspaces_workspace.alice.id }
output "workspace_state" { value = data.aws_workspaces_workspace.alice.state }
output "ip_group_id" { value = aws_workspaces_ip_group.office.id }
output "alias_id" { value = aws_workspaces_connection_alias.desktops.id }
