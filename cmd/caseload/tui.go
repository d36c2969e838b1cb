package main

func runDemo(e env, args []string) error { return usagef("demo is not built yet") }
func runSeed(e env, args []string) error { return usagef("seed is not built yet") }
func runTUI(e env, args []string) error  { return usagef("the TUI is not built yet") }
