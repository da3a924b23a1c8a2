# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.57.0"
  constraints = "~> 5.50"
  hashes = [
    "h1:V5ixRG4+N7+nYWhQxgSJ53HGaMh3JHfXK1FVhjDbJpc=",
  ]
}
