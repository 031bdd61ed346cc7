package io.quantmini.cli;
public class QuantMini { public static void main(String[] a){} }
