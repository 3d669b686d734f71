"""Simulated payment gateways (Instamojo, PhonePe v1 and v2) with a checkout page a person can click."""
