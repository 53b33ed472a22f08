import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { X } from '@seismo/contracts';
@Injectable() class A { v = X; }
@Injectable() class B { constructor(readonly a: A) {} }
@Module({ providers: [A, B] }) class M {}
const app = await NestFactory.createApplicationContext(M, { logger: false });
console.log('ok', app.get(B).a.v);
